'use client';

import Link from 'next/link';
import { formatAgo, formatUtc } from '@/components/ui/format';
import type { PendingApprovalDTO } from '@/lib/cases/types';
import { OutsideText } from '@/components/ui/outside-text';
import { DecisionControls, type DecisionResult } from './decision-controls';

type Decide = (input: {
  approvalId: string;
  decision: 'approve' | 'reject';
  reason: string;
}) => Promise<DecisionResult>;

const KIND_LABEL: Record<PendingApprovalDTO['kind'], string> = {
  preservation_hold: 'Preservation hold',
  reinstatement: 'Reinstatement',
  referral: 'Hotline referral',
  stand_down: 'Stand down on a child-in-danger case',
  hold_release: 'Early release of a preservation hold',
};

/**
 * One pending request: who asked, when, why, and the decision controls. Preservation holds,
 * stand-downs and early hold releases are decided here; referral packets inline
 * (referral-approval-item.tsx). Your own request cannot be decided
 * by you (the buttons are disabled; the server refuses anyway).
 */
export function ApprovalItem({ item, now, decide }: { item: PendingApprovalDTO; now: Date; decide: Decide }) {
  const decidable = item.kind !== 'referral' && item.kind !== 'reinstatement';

  return (
    <li className="rounded-lg border border-slate-300 p-4 dark:border-slate-700" aria-labelledby={`${item.id}-title`}>
      <h3 id={`${item.id}-title`} className="text-lg font-bold">
        {KIND_LABEL[item.kind]} · Case {item.caseNumber} · <OutsideText text={item.accountLabel} />
      </h3>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">Asked by</dt>
        <dd>{item.requestedBy.name}</dd>
        <dt className="font-semibold">When</dt>
        <dd>
          <time dateTime={new Date(item.requestedAt).toISOString()}>{formatUtc(new Date(item.requestedAt))}</time> (
          {formatAgo(new Date(item.requestedAt), now)})
        </dd>
        <dt className="font-semibold">Why</dt>
        <dd>
          {item.reasonLabel}
          {item.reason ? <OutsideText text={`: ${item.reason}`} /> : ''}
        </dd>
        {item.durationDays ? (
          <>
            <dt className="font-semibold">Duration</dt>
            <dd>{item.durationDays} days</dd>
          </>
        ) : null}
      </dl>
      <p className="mt-2 text-sm">
        <Link href={item.kind === 'referral' ? `/console/cases/${item.caseId}/referrals` : `/console/cases/${item.caseId}`} className="underline">
          {item.kind === 'referral' ? 'Open the referral panel' : 'Open the case'}
        </Link>
      </p>
      {!decidable ? (
        <>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">Decided on the case&apos;s referral panel.</p>
          <div role="status" aria-live="polite" className="mt-2 text-sm font-semibold" />
        </>
      ) : (
        <DecisionControls
          canDecide={item.canDecide}
          cannotDecideNotice="You asked for this; another supervisor must decide it."
          approveLabel="Approve"
          onDecide={(decision, reason) => decide({ approvalId: item.id, decision, reason })}
        />
      )}
    </li>
  );
}
