'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action';

export type ClaimNext = (input: Record<string, never>) => Promise<ActionResult<{ caseId: string } | null>>;

/**
 * Claims the next case and opens it. Used by the queue's button, the `n` shortcut and "Submit and
 * next". `message` explains an empty queue or a failure; the caller announces it.
 */
export function useNextCase(claimNext: ClaimNext) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);

  const next = useCallback(() => {
    if (pending) return;
    setMessage(null);
    startTransition(async () => {
      const result = await claimNext({});
      if (!result.ok) setMessage({ tone: 'error', text: result.error.message });
      else if (!result.data) setMessage({ tone: 'info', text: 'The queue is empty: there is no case to claim right now.' });
      else router.push(`/console/cases/${result.data.caseId}`);
    });
  }, [claimNext, pending, router]);

  return { next, pending, message };
}

export function NextCaseButton({ onClick, pending }: { onClick: () => void; pending: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending}
      aria-keyshortcuts="n"
      className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-blue-800 disabled:opacity-60 dark:bg-sky-400 dark:text-slate-950 dark:hover:bg-sky-300"
    >
      {pending ? 'Claiming…' : 'Next case'}
      <kbd className="ml-2 rounded border border-white/50 px-1 font-mono text-xs dark:border-slate-900/40">n</kbd>
    </button>
  );
}

export function NextCaseMessage({ message }: { message: { tone: 'info' | 'error'; text: string } | null }) {
  return (
    <p
      role={message?.tone === 'error' ? 'alert' : 'status'}
      className={message?.tone === 'error' ? 'text-sm font-medium text-red-800 dark:text-red-300' : 'text-sm text-slate-700 dark:text-slate-300'}
    >
      {message?.text ?? ''}
    </p>
  );
}
