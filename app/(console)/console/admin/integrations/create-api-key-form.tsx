'use client';

import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action';
import { API_KEY_SCOPES, SCOPE_LABELS, type ApiKeyScope } from '@/lib/platform/api-key-scopes';

type Created = { name: string; prefix: string; key: string };
type Props = { create: (input: { name: string; scopes: ApiKeyScope[] }) => Promise<ActionResult<Created>> };

/** Create-a-key form. The new key is shown once, here, until the admin dismisses it. */
export function CreateApiKeyForm({ create }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<Created> | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '');
    const scopes = form.getAll('scopes').map(String) as ApiKeyScope[];
    startTransition(async () => {
      const outcome = await create({ name, scopes });
      setResult(outcome);
      if (outcome.ok) (event.target as HTMLFormElement).reset();
    });
  }

  const error = result && !result.ok ? result.error : null;
  return (
    <div className="space-y-3">
      {result?.ok ? (
        <div role="status" className="rounded-lg border border-green-700 bg-green-50 p-4 dark:bg-green-950">
          <p className="font-semibold">Key “{result.data.name}” created. Copy it now: it will not be shown again.</p>
          <p className="mt-2 rounded bg-white px-2 py-1 font-mono text-sm break-all select-all dark:bg-slate-900" data-testid="new-api-key">
            {result.data.key}
          </p>
          <button type="button" onClick={() => setResult(null)} className="mt-2 text-sm font-medium underline">
            I have stored it safely
          </button>
        </div>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-3" aria-describedby={error ? 'create-key-error' : undefined}>
        <div>
          <label htmlFor="api-key-name" className="block text-sm font-medium">Name</label>
          <input id="api-key-name" name="name" required maxLength={80} autoComplete="off"
            className="mt-1 w-full max-w-sm rounded-md border border-slate-400 px-2 py-1.5 dark:bg-slate-900" />
          {error?.fieldErrors?.name ? <p className="text-sm text-red-700">{error.fieldErrors.name.join(' ')}</p> : null}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} />
              <span><code>{scope}</code> — {SCOPE_LABELS[scope]}</span>
            </label>
          ))}
          {error?.fieldErrors?.scopes ? <p className="text-sm text-red-700">{error.fieldErrors.scopes.join(' ')}</p> : null}
        </fieldset>
        {error ? <p id="create-key-error" role="alert" className="text-sm text-red-700">{error.message}</p> : null}
        <button type="submit" disabled={pending}
          className="rounded-md bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60 dark:bg-sky-600">
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </form>
    </div>
  );
}
