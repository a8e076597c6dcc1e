import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReferenceBox } from '@/components/report/reference-box';
import { Callout } from '@/components/ui/callout';
import { MessageBody } from '@/components/ui/message-page';
import { lookUpReport } from '@/lib/reports/look-up-report';

export const metadata: Metadata = { title: 'Report received' };

type Props = { params: Promise<{ reference: string }> };

export default async function ReceivedPage({ params }: Props) {
  // A receipt is a status look-up too: it shares the per-source limit of /report/status and the API.
  const lookup = await lookUpReport(await headers(), safeDecode((await params).reference));
  if (lookup.outcome === 'limited') {
    return (
      <MessageBody title="Too many look-ups">
        <p>{lookup.message}</p>
      </MessageBody>
    );
  }
  if (lookup.outcome === 'not_found') notFound();
  const { report } = lookup;
  // Everything below comes from the stored report, not from the address bar.
  const statusHref = `/report/status?reference=${encodeURIComponent(report.reference)}`;

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight text-balance sm:text-4xl">Thank you. We’ve received your report.</h1>
        <p className="max-w-prose text-lg text-slate-700 dark:text-slate-300">
          Reporting this was the right thing to do, and it helps keep children safe.
        </p>
      </div>

      <ReferenceBox reference={report.reference} />

      <section aria-labelledby="next-title" className="space-y-3">
        <h2 id="next-title" className="text-xl font-bold">
          What happens next
        </h2>
        <ul className="list-disc space-y-2 pl-6 text-base marker:text-slate-500">
          <li>A trained team will review your report.</li>
          <li>
            Serious reports are referred to national hotlines and the police, such as NCMEC in the United States or the
            National Crime Agency (NCA) in the UK.
          </li>
          <li>We can’t reply to every report, but you can check its status at any time with your reference.</li>
        </ul>
        <p>
          <Link href={statusHref} className="font-semibold text-blue-800 underline underline-offset-2 dark:text-sky-300">
            Check the status of your report
          </Link>
        </p>
      </section>

      <Callout tone="warning" title="Please don’t keep or share copies" titleId="copies-title">
        <p>
          If you saved, downloaded or screenshotted any of the material, please delete it, and don’t send it to anyone
          — not even to report it. Your report already tells us where to find it.
        </p>
      </Callout>

      <p className="text-slate-700 dark:text-slate-300">
        Seeing this kind of material can be upsetting. It may help to talk to someone you trust.{' '}
        <Link href="/report" className="font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300">
          Report another account
        </Link>
      </p>
    </div>
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
