'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { formatAgo, formatUtc } from '@/components/ui/format';
import { OutsideText } from '@/components/ui/outside-text';
import type { PendingApprovalDTO } from '@/lib/cases/types';

type Decide = (input: {
  referralId: string;
  decision: 'approve' | 'reject';
  reason: string;
  payloadSha256: string;
}) => Promise<{ ok: true; data: unknown } | { ok: false; error: { message: string } }>;

type Referral = NonNullable<PendingApprovalDTO['referral']>;

/**
 * A referral waiting for a supervisor, inline in the inbox: which hotline, which version, which
 * case. Approve and reject exist only while the frozen preview — the stored payload bytes the
 * decision binds — is open; the decision sends the hash of what was shown, and the server refuses
 * it if the stored payload is not that one.
 */
export function ReferralApprovalItem({ item, referral, now, decide }: { item: PendingApprovalDTO; referral: Referral; now: Date; decide: Decide }) {
  const router = useRouter();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const title = `Referral to ${referral.hotlineName} · version ${referral.version} · Case ${item.caseNumber} · ${item.accountLabel}`;

  function submit(decision: 'approve' | 'reject') {
    startTransition(async () => {
      const result = await decide({ referralId: referral.referralId, decision, reason, payloadSha256: referral.payloadSha256 });
      if (!result.ok) return setMessage({ tone: 'error', text: result.error.message });
      setMessage({ tone: 'ok', text: decision === 'approve' ? 'Approved.' : 'Rejected.' });
      router.refresh();
    });
  }

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
        {open ? (
          <div className="mt-3 space-y-2">
            {!item.canDecide ? <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">You prepared this; another supervisor must decide it.</p> : null}
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
              <button type="button" onClick={() => submit('approve')} disabled={!item.canDecide || pending} className="rounded-md bg-green-800 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50">
                Approve this version
              </button>
              <button type="button" onClick={() => submit('reject')} disabled={!item.canDecide || pending || !reason.trim()} className="rounded-md bg-red-800 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50">
                Reject
              </button>
            </div>
          </div>
        ) : null}
      </details>
      {!open ? <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">Open the payload to approve or reject it.</p> : null}
      <div role="status" aria-live="polite" className="mt-2 text-sm font-semibold">
        {message ? <span className={message.tone === 'ok' ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}>{message.text}</span> : null}
      </div>
    </li>
  );
}
