'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action';

type Props = {
  label: string;
  /** Asked before acting; a second press confirms. */
  confirmLabel?: string;
  run: () => Promise<ActionResult<null>>;
};

/** A button for one row (Revoke, Retry) that reports failure next to itself. */
export function RowActionButton({ label, confirmLabel, run }: Props) {
  const [pending, startTransition] = useTransition();
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function onClick() {
    if (confirmLabel && !armed) return setArmed(true);
    startTransition(async () => {
      const result = await run();
      setArmed(false);
      setError(result.ok ? null : result.error.message);
    });
  }

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button type="button" onClick={onClick} disabled={pending}
        className="rounded-md border border-slate-500 px-2 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800">
        {pending ? 'Working…' : armed ? confirmLabel : label}
      </button>
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
