'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action';

export type TakeThisCase = (input: { caseId: string }) => Promise<ActionResult<{ caseId: string; version: number; leaseExpiresAt: Date }>>;

/**
 * "Take this case" on an unclaimed case (open, or in review under a lapsed lease). The server
 * decides under a row lock; a refusal (someone was faster, or you already hold another case) is
 * announced and the page is not changed.
 */
export function TakeCaseButton({ caseId, take, lapsed }: { caseId: string; take: TakeThisCase; lapsed: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState('');

  const onClick = () =>
    startTransition(async () => {
      setProblem('');
      const result = await take({ caseId });
      if (result.ok) router.refresh();
      else setProblem(result.error.message);
    });

  return (
    <div className="mb-3 flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={onClick}
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-blue-800 disabled:opacity-60 dark:bg-sky-400 dark:text-slate-950 dark:hover:bg-sky-300"
      >
        {pending ? 'Taking…' : 'Take this case'}
      </button>
      <span className="text-sm text-slate-700 dark:text-slate-300">
        {lapsed ? 'The previous claim has lapsed: you can take the case over.' : 'Claim this case to decide on it.'}
      </span>
      <p role="alert" className="w-full text-sm font-medium text-red-800 empty:hidden dark:text-red-300">
        {problem}
      </p>
    </div>
  );
}
