'use client';

import { useState, useTransition } from 'react';
import type { VerificationReport } from '@/lib/audit/verification-report';

type Result = { ok: true; data: VerificationReport } | { ok: false; error: { message: string } };

/**
 * "Verify log": walks the whole keyed hash chain on the server, checks every entry's MAC and compares
 * with the signed checkpoints outside the database; shows the outcome, naming any forged entry,
 * deleted tail or rebuilt chain position.
 */
export function VerifyChainButton({ verify }: { verify: (input: Record<string, never>) => Promise<Result> }) {
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => startTransition(async () => setResult(await verify({})))}
        className="rounded-md border-2 border-slate-900 px-4 py-2 text-sm font-semibold disabled:opacity-60 dark:border-slate-100"
      >
        {pending ? 'Verifying…' : 'Verify log'}
      </button>
      <div role="status" aria-live="polite">
        {result === null ? null : !result.ok ? (
          <p className="font-semibold text-red-800 dark:text-red-300">{result.error.message}</p>
        ) : (
          <p
            data-testid="chain-verification"
            className={`font-semibold break-all ${result.data.ok ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}`}
          >
            {result.data.message}
          </p>
        )}
        {result?.ok ? <p className="text-sm text-slate-700 dark:text-slate-300">{result.data.anchorNote}</p> : null}
      </div>
    </div>
  );
}
