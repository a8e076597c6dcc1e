'use client';

import { useState, type FormEvent } from 'react';
import { controlClass, describedBy, FieldError, Label } from '@/components/ui/field';

type Result = { ok: true } | { ok: false; error: { message: string; fieldErrors?: Record<string, string[]> } };

/** The code that proves the authenticator app was set up; on success, on to where the user was going. */
export function EnrolForm({ next, confirm }: { next: string; confirm: (input: { code: string }) => Promise<Result> }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    try {
      const result = await confirm({ code });
      if (result.ok) {
        window.location.assign(next);
        return;
      }
      setError(result.error.fieldErrors?.code?.[0] ?? result.error.message);
    } catch {
      setError('Something went wrong on our side. Please try again.');
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div>
        <Label htmlFor="code">Code from your authenticator app</Label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(error && 'code-error')}
          className={`mt-1.5 max-w-40 font-mono tracking-widest ${controlClass(Boolean(error))}`}
        />
        <div role="alert">
          <FieldError id="code-error" messages={error ? [error] : undefined} />
        </div>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-5 py-2.5 text-base font-semibold text-white hover:bg-blue-800 disabled:opacity-70 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
      >
        {pending ? 'Checking…' : 'Turn on two-step sign-in'}
      </button>
    </form>
  );
}
