import type { Metadata } from 'next';
import Link from 'next/link';
import { EndedHoldsTable } from '@/components/holds/ended-holds-table';
import { HoldsTable } from '@/components/holds/holds-table';
import { Callout } from '@/components/ui/callout';
import { requirePageRole } from '@/lib/auth/guards';
import { REASON_CODES } from '@/lib/cases/reason-codes';
import { ENDED_HOLDS_DAYS, listEndedHolds, listPreservationHolds } from '@/lib/preservation/list-holds';
import { HOLD_MAX_TOTAL_DAYS } from '@/lib/preservation/hold-rules';
import { HOLD_WARNING_DAYS } from '@/lib/retention/hold-expiry';
import { extendHoldAction, requestHoldReleaseAction } from './actions';

export const metadata: Metadata = { title: 'Preservation holds' };

export default async function HoldsPage() {
  const staff = await requirePageRole('supervisor', '/console/holds');
  const now = new Date();
  const [holds, ended] = await Promise.all([listPreservationHolds({ actor: staff, now }), listEndedHolds({ actor: staff, now })]);
  const soon = holds.filter((h) => h.expiry.state !== 'active');
  const pending = holds.filter((h) => h.pendingRelease).length;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Preservation holds</h1>
        <p className="mt-1 max-w-2xl text-slate-700 dark:text-slate-300">
          Accounts whose data the platform is preserving. A hold warns {HOLD_WARNING_DAYS} days before it ends, so there is time to ask whether it
          should be extended. A hold lasts at most {HOLD_MAX_TOTAL_DAYS} days from its start; releasing one early needs a second supervisor.
        </p>
      </div>
      {soon.length > 0 ? (
        <Callout tone="warning" title={`${soon.length} hold${soon.length === 1 ? '' : 's'} ending within ${HOLD_WARNING_DAYS} days`} titleId="holds-warning">
          <p>Check with the requesting authority before the end date: the platform stops preserving the data when a hold ends.</p>
        </Callout>
      ) : null}
      {pending > 0 ? (
        <p>
          {pending} early release{pending === 1 ? ' is' : 's are'} waiting for a decision in the{' '}
          <Link href="/console/approvals" className="underline">
            approvals inbox
          </Link>
          .
        </p>
      ) : null}
      <section aria-labelledby="holds-in-force" className="space-y-3">
        <h2 id="holds-in-force" className="text-xl font-bold">
          In force ({holds.length})
        </h2>
        <HoldsTable
          holds={holds}
          releaseReasons={REASON_CODES.hold_release.map(({ code, label }) => ({ code, label }))}
          extend={extendHoldAction}
          requestRelease={requestHoldReleaseAction}
        />
      </section>
      <section aria-labelledby="holds-ended" className="space-y-3">
        <h2 id="holds-ended" className="text-xl font-bold">
          Ended in the last {ENDED_HOLDS_DAYS} days ({ended.length})
        </h2>
        <EndedHoldsTable holds={ended} days={ENDED_HOLDS_DAYS} />
      </section>
    </div>
  );
}
