'use client';

import Link from 'next/link';
import { useState } from 'react';
import { formatAgo, formatUtc } from '@/components/ui/format';
import { OutsideText } from '@/components/ui/outside-text';
import type { PendingApprovalDTO } from '@/lib/cases/types';
import { DecisionControls, type DecisionResult } from './decision-controls';

type Decide = (input: {
  referralId: string;
  decision: 'approve' | 'reject';
  reason: string;
  payloadSha256: string;
}) => Promise<DecisionResult>;

type Referral = NonNullable<PendingApprovalDTO['referral']>;

/**
 * A referral waiting for a supervisor, inline in the inbox: which hotline, which version, which
 * case. Approve and reject exist only while the frozen preview — the stored payload bytes the
 * decision binds — is open; the decision sends the hash of what was shown, and the server refuses
 * it if the stored payload is not that one.
 */
export function ReferralApprovalItem({ item, referral, now, decide }: { item: PendingApprovalDTO; referral: Referral; now: Date; decide: Decide }) {
  const [open, setOpen] = useState(false);
  const title = `Referral to ${referral.hotlineName} · version ${referral.version} · Case ${item.caseNumber} · ${item.accountLabel}`;


  return (
    <li className="rounded-lg border border-slate-300 p-4 dark:border-slate-700" aria-labelledby={`${item.id}-title`}>
      <h3 id={`${item.id}-title`} className="text-lg font-bold">
        {title}
      </h3>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">Hotline</dt>
        <dd>{referral.hotlineName}</dd>
        <dt className="font-semibold">Version</dt>
        <dd>{referral.version}</dd>
        <dt className="font-semibold">Case</dt>
        <dd>
          <Link href={`/console/cases/${item.caseId}/referrals`} className="underline">
            Case {item.caseNumber} ({item.accountLabel})
          </Link>
        </dd>
        <dt className="font-semibold">Prepared by</dt>
        <dd>
          {item.requestedBy.name}, <time dateTime={new Date(item.requestedAt).toISOString()}>{formatUtc(new Date(item.requestedAt))}</time> (
          {formatAgo(new Date(item.requestedAt), now)})
        </dd>
      </dl>
      <details className="mt-3" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer font-semibold">
          Review the frozen {referral.payloadPath} (SHA-256 <span className="break-all font-mono text-xs">{referral.payloadSha256}</span>)
        </summary>
        <p className="mt-2 text-sm">These are the exact bytes that will be exported if you approve; later reports never change them.</p>
        <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs dark:bg-slate-900" data-testid="frozen-payload">
          <OutsideText text={referral.payloadText} />
        </pre>
      </details>
      <DecisionControls
        canDecide={item.canDecide}
        cannotDecideNotice="You prepared this; another supervisor must decide it."
        approveLabel="Approve this version"
        showControls={open}
        onDecide={(decision, reason) => decide({ referralId: referral.referralId, decision, reason, payloadSha256: referral.payloadSha256 })}
      >
        {!open ? <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">Open the payload to approve or reject it.</p> : null}
      </DecisionControls>
    </li>
  );
}
