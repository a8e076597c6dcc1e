import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { StatusResult, type StatusView } from '@/components/report/status-result';
import { controlClass, describedBy, FieldError, Hint, Label } from '@/components/ui/field';
import { lookUpReport } from '@/lib/reports/look-up-report';
import { PUBLIC_STATUS_LABEL, type PublicReportStatus } from '@/lib/reports/report-status';

export const metadata: Metadata = { title: 'Check a report’s status' };

const EXPLANATION: Record<PublicReportStatus, string> = {
  received: 'Your report has arrived and is waiting for our team to review it.',
  under_review: 'Our team is looking at your report.',
  action_taken: 'We have reviewed your report and taken action.',
  closed: 'We have reviewed your report and our review is finished.',
};

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StatusPage({ searchParams }: Props) {
  const raw = (await searchParams).reference;
  const typed = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 40) ?? '';
  const result = typed ? await lookUp(typed) : null;
  const view = result && 'view' in result ? result.view : null;
  const problemMessage = result && 'problem' in result ? result.problem : null;

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight text-balance sm:text-4xl">Check a report’s status</h1>
        <p className="max-w-prose text-lg text-slate-700 dark:text-slate-300">
          Enter the reference you were given when you sent your report.
        </p>
      </div>

      <form
        method="get"
        action="/report/status"
        role="search"
        aria-label="Find a report by reference"
        className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900"
      >
        <Label htmlFor="reference">Reference</Label>
        <Hint id="reference-hint">It looks like TC-7K4M-9QX2.</Hint>
        <FieldError id="reference-error" messages={problemMessage ? [problemMessage] : undefined} />
        <div className="mt-2 flex flex-col gap-3 sm:flex-row">
          <input
            id="reference"
            name="reference"
            type="text"
            defaultValue={typed}
            maxLength={40}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={problemMessage ? true : undefined}
            aria-describedby={describedBy('reference-hint', problemMessage && 'reference-error')}
            className={`font-mono uppercase sm:max-w-xs ${controlClass(Boolean(problemMessage))}`}
          />
          <button
            type="submit"
            className="rounded-md bg-blue-700 px-5 py-2.5 text-base font-semibold text-white shadow-sm hover:bg-blue-800 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
          >
            Check status
          </button>
        </div>
      </form>

      <div aria-live="polite">{view ? <StatusResult view={view} /> : null}</div>
    </div>
  );
}

async function lookUp(typed: string): Promise<{ view: StatusView } | { problem: string }> {
  const lookup = await lookUpReport(await headers(), typed);
  if (lookup.outcome === 'limited') return { problem: lookup.message };
  if (lookup.outcome === 'not_found') {
    return { problem: 'No report has this reference. Check it matches your receipt, for example TC-7K4M-9QX2.' };
  }
  const found = lookup.report;
  return {
    view: {
      reference: found.reference,
      label: PUBLIC_STATUS_LABEL[found.status],
      explanation: EXPLANATION[found.status],
      receivedOn: dateFormat.format(found.receivedAt),
    },
  };
}
