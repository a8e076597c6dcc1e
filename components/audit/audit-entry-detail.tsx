import Link from 'next/link';
import { formatUtc } from '@/components/ui/format';
import type { SummaryLine } from '@/lib/audit/list-summary';
import type { AuditEntryDetailDTO } from '@/lib/audit/list-types';
import { actorLabel } from './audit-table';
import { OutsideText } from '@/components/ui/outside-text';

function Lines({ title, lines }: { title: string; lines: SummaryLine[] }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <h2 className="text-lg font-bold">{title}</h2>
      {lines.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">Nothing recorded.</p>
      ) : (
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {lines.map((l, i) => (
            <div key={`${l.label}-${i}`} className="contents">
              <dt className="font-semibold">{l.label}</dt>
              <dd className="break-all">
                <OutsideText text={l.value} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** One audit entry: its facts, and its payload as a before/after summary (text only, never HTML). */
export function AuditEntryDetail({ entry }: { entry: AuditEntryDetailDTO }) {
  const facts: SummaryLine[] = [
    { label: 'When', value: formatUtc(entry.occurredAt) },
    { label: 'Actor', value: actorLabel(entry) },
    { label: 'Actor type', value: entry.actorType },
    { label: 'Request ID', value: entry.requestId ?? '—' },
    { label: 'Entity', value: entry.entityType ? `${entry.entityType} ${entry.entityId ?? ''}` : '—' },
    { label: 'Sealed into the chain', value: entry.sealed ? 'Yes' : 'Not yet' },
  ];
  const { before, after, details } = entry.payloadSummary;
  return (
    <article className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">
        Entry #{entry.id}: <span className="font-mono">{entry.event}</span>
      </h1>
      {entry.caseId ? (
        <p>
          <Link href={`/console/cases/${entry.caseId}`} className="underline">
            {entry.caseNumber ? `Case ${entry.caseNumber}` : 'The case'}
          </Link>{' '}
          ·{' '}
          <Link href={`/console/audit?case=${entry.caseId}`} className="underline">
            All entries for this case
          </Link>
        </p>
      ) : null}
      <Lines title="Entry" lines={facts} />
      {before.length > 0 || after.length > 0 ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Lines title="Before" lines={before} />
          <Lines title="After" lines={after} />
        </div>
      ) : null}
      <Lines title="Details" lines={details} />
    </article>
  );
}
