'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { formatAgo, formatUtc } from '@/components/ui/format';
import type { PendingApprovalDTO } from '@/lib/cases/types';
import { OutsideText } from '@/components/ui/outside-text';

type Decide = (input: {
  approvalId: string;
  decision: 'approve' | 'reject';
  reason: string;
}) => Promise<{ ok: true; data: unknown } | { ok: false; error: { message: string } }>;

const KIND_LABEL: Record<PendingApprovalDTO['kind'], string> = {
  preservation_hold: 'Preservation hold',
  reinstatement: 'Reinstatement',
  referral: 'Hotline referral',
};

/**
 * One pending request: who asked, when, why, and the decision controls. Preservation holds are
 * decided here; referral packets on the case's referral panel. Your own request cannot be decided
 * by you (the buttons are disabled; the server refuses anyway).
 */
export function ApprovalItem({ item, now, decide }: { item: PendingApprovalDTO; now: Date; decide: Decide }) {
  const router = useRouter();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const decidable = item.kind === 'preservation_hold';

  function submit(decision: 'approve' | 'reject') {
    startTransition(async () => {
      const result = await decide({ approvalId: item.id, decision, reason });
      if (!result.ok) return setMessage({ tone: 'error', text: result.error.message });
      setMessage({ tone: 'ok', text: decision === 'approve' ? 'Approved.' : 'Rejected.' });
      router.refresh();
    });
  }

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
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">Decided on the case&apos;s referral panel.</p>
      ) : (
        <div className="mt-3 space-y-2">
          {!item.canDecide ? (
            <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">You asked for this; another supervisor must decide it.</p>
          ) : null}
          <label htmlFor={reasonId} className="block text-sm font-semibold">
            Reason (required to reject)
          </label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={!item.canDecide || pending}
            rows={2}
            maxLength={2000}
            className="block w-full rounded-md border border-slate-500 bg-white p-2 text-sm dark:bg-slate-950"
          />
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => submit('approve')}
              disabled={!item.canDecide || pending}
              className="rounded-md bg-green-800 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50"
            >
              Approve
            </button>
            <button
              type="button"
              onClick={() => submit('reject')}
              disabled={!item.canDecide || pending || !reason.trim()}
              className="rounded-md bg-red-800 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50"
            >
              Reject
            </button>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite" className="mt-2 text-sm font-semibold">
        {message ? <span className={message.tone === 'ok' ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}>{message.text}</span> : null}
      </div>
    </li>
  );
}
