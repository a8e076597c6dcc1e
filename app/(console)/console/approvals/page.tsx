import type { Metadata } from 'next';
import { ApprovalItem } from '@/components/approvals/approval-item';
import { ReferralApprovalItem } from '@/components/approvals/referral-approval-item';
import { requirePageRole } from '@/lib/auth/guards';
import { listPendingApprovals } from '@/lib/cases/list-pending-approvals';
import { decideApprovalAction, decideReferralApprovalAction } from './actions';

export const metadata: Metadata = { title: 'Approvals' };

export default async function ApprovalsPage() {
  const staff = await requirePageRole('supervisor', '/console/approvals');
  const pending = await listPendingApprovals({ actor: staff });
  const now = new Date();
  const holds = pending.filter((p) => p.kind !== 'referral');
  const referrals = pending.filter((p) => p.kind === 'referral');
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Approvals</h1>
        <p className="mt-1 max-w-2xl text-slate-700 dark:text-slate-300">
          Requests that need a second person, oldest first. Nobody decides their own request. Every decision is recorded in the audit log.
        </p>
      </div>
      <section aria-labelledby="holds-title" className="space-y-3">
        <h2 id="holds-title" className="text-xl font-bold">
          Preservation holds ({holds.length})
        </h2>
        {holds.length === 0 ? <p>No preservation hold is waiting.</p> : null}
        <ul className="space-y-3">
          {holds.map((item) => (
            <ApprovalItem key={item.id} item={item} now={now} decide={decideApprovalAction} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="referrals-title" className="space-y-3">
        <h2 id="referrals-title" className="text-xl font-bold">
          Referral packets ({referrals.length})
        </h2>
        {referrals.length === 0 ? <p>No referral packet is waiting.</p> : null}
        <ul className="space-y-3">
          {referrals.map((item) =>
            item.referral ? (
              <ReferralApprovalItem key={item.id} item={item} referral={item.referral} now={now} decide={decideReferralApprovalAction} />
            ) : (
              <ApprovalItem key={item.id} item={item} now={now} decide={decideApprovalAction} />
            ),
          )}
        </ul>
      </section>
    </div>
  );
}
