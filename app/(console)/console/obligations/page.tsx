import type { Metadata } from 'next';
import Link from 'next/link';
import { ReferralObligationsTable } from '@/components/obligations/referral-obligations-table';
import { Callout } from '@/components/ui/callout';
import { requirePageRole } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { listReferralObligations, summariseReferralObligations } from '@/lib/response/list-referral-obligations';
import { obligationsHref, ZObligationsQuery } from '@/lib/response/referral-obligation-params';
import { formatHours } from '@/lib/response/referral-obligation-rules';

export const metadata: Metadata = { title: 'Referral obligations' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const link = 'font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Required hotline referrals not yet acknowledged, oldest first, against the referral target. */
export default async function ObligationsPage({ searchParams }: Props) {
  await requirePageRole('moderator', '/console/obligations');
  const query = ZObligationsQuery.parse(await searchParams);
  const now = new Date();
  const targetHours = getConfig().REFERRAL_TARGET_HOURS;
  const [summary, page] = await Promise.all([
    summariseReferralObligations({ now, targetHours }),
    listReferralObligations({ cursor: query.cursor, now, targetHours }),
  ]);
  const target = formatHours(targetHours);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Referral obligations</h1>
        <p className="mt-1 max-w-3xl text-slate-700 dark:text-slate-300">
          Hotline referrals a case requires that the hotline has not yet acknowledged (no report ID recorded). Each should be acknowledged
          within {target} of the case&apos;s first report. Oldest first.
        </p>
        <p className="mt-2 font-medium" aria-live="polite">
          {plural(summary.outstanding, 'referral', 'referrals')} outstanding, {summary.pastTarget} past the target of {target}.
        </p>
      </div>
      {summary.pastTarget > 0 ? (
        <Callout tone="warning" title={`${plural(summary.pastTarget, 'referral is', 'referrals are')} past the target of ${target}`} titleId="obligations-warning">
          <p>Prepare, approve, submit and record the hotline&apos;s report ID for these first: the oldest are at the top.</p>
        </Callout>
      ) : null}
      {page.rows.length > 0 ? (
        <ReferralObligationsTable rows={page.rows} targetHours={targetHours} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
          {page.later ? 'No more outstanding referrals.' : 'No referral is outstanding: every required referral has been acknowledged by its hotline.'}
        </p>
      )}
      <nav aria-label="Obligation pages" className="flex gap-4 text-sm">
        {page.later ? (
          <Link href={obligationsHref(null)} className={link}>
            First page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={obligationsHref(page.nextCursor)} rel="next" className={link}>
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
