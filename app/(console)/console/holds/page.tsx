import type { Metadata } from 'next';
import { HoldsTable } from '@/components/approvals/holds-table';
import { Callout } from '@/components/ui/callout';
import { requirePageRole } from '@/lib/auth/guards';
import { HOLD_WARNING_DAYS } from '@/lib/retention/hold-expiry';
import { listPreservationHolds } from '@/lib/retention/list-preservation-holds';

export const metadata: Metadata = { title: 'Preservation holds' };

export default async function HoldsPage() {
  const staff = await requirePageRole('supervisor', '/console/holds');
  const holds = await listPreservationHolds({ actor: staff });
  const soon = holds.filter((h) => h.expiry.state !== 'active');
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Preservation holds</h1>
        <p className="mt-1 max-w-2xl text-slate-700 dark:text-slate-300">
          Accounts whose data the platform is preserving for law enforcement. A hold warns {HOLD_WARNING_DAYS} days before it ends, so there
          is time to ask whether it should be extended.
        </p>
      </div>
      {soon.length > 0 ? (
        <Callout tone="warning" title={`${soon.length} hold${soon.length === 1 ? '' : 's'} ending within ${HOLD_WARNING_DAYS} days`} titleId="holds-warning">
          <p>Check with the requesting authority before the end date: the platform stops preserving the data when a hold ends.</p>
        </Callout>
      ) : null}
      <HoldsTable holds={holds} />
    </div>
  );
}
