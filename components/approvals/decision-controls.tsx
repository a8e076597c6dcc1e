'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';

export type Decision = 'approve' | 'reject';
export type DecisionResult = { ok: true; data: unknown } | { ok: false; error: { message: string } };

/**
 * The second person's decision on a request: a reason (required to reject), approve and reject,
 * and the announced outcome. Shared by the inbox's holds and referrals; the caller says what is
 * being decided (`onDecide`) and whether this person may decide it (the server checks again).
 */
export function DecisionControls({
  canDecide,
  cannotDecideNotice,
  approveLabel,
  onDecide,
  showControls = true,
  children,
}: {
  canDecide: boolean;
  cannotDecideNotice: string;
  approveLabel: string;
  onDecide: (decision: Decision, reason: string) => Promise<DecisionResult>;
  /** False hides the controls (e.g. until the frozen preview is open); the status line stays. */
  showControls?: boolean;
  children?: React.ReactNode;
}) {
  const router = useRouter();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(decision: Decision) {
    startTransition(async () => {
      const result = await onDecide(decision, reason);
      if (!result.ok) return setMessage({ tone: 'error', text: result.error.message });
      setMessage({ tone: 'ok', text: decision === 'approve' ? 'Approved.' : 'Rejected.' });
      router.refresh();
    });
  }

  return (
    <>
      {showControls ? (
        <div className="mt-3 space-y-2">
          {!canDecide ? <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">{cannotDecideNotice}</p> : null}
          <label htmlFor={reasonId} className="block text-sm font-semibold">
            Reason (required to reject)
          </label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={!canDecide || pending}
            rows={2}
            maxLength={2000}
            className="block w-full rounded-md border border-slate-500 bg-white p-2 text-sm dark:bg-slate-950"
          />
          <div className="flex gap-2">
            <button type="button" onClick={() => submit('approve')} disabled={!canDecide || pending} className="rounded-md bg-green-800 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50">
              {approveLabel}
            </button>
            <button type="button" onClick={() => submit('reject')} disabled={!canDecide || pending || !reason.trim()} className="rounded-md bg-red-800 px-4 py-2 text-sm font-semibold text-white disabled:opacity-50">
              Reject
            </button>
          </div>
        </div>
      ) : null}
      {children}
      <div role="status" aria-live="polite" className="mt-2 text-sm font-semibold">
        {message ? <span className={message.tone === 'ok' ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}>{message.text}</span> : null}
      </div>
    </>
  );
}
