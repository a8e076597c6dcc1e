'use client';

import { signIn } from 'next-auth/react';
import { useRef, useState, type FormEvent } from 'react';
import { controlClass, describedBy, FieldError, Hint, Label } from '@/components/ui/field';

/** Must equal CODE_REQUIRED_ERROR in lib/auth/auth-options.ts (components never import lib/auth server code). */
const CODE_REQUIRED = 'code_required';

const MESSAGES = {
  refused:
    'We could not sign you in with those details. Check them and try again. After repeated failed attempts, sign-in is paused for a while, longer after each further failure (up to 15 minutes).',
  codeNeeded: 'Enter the 6-digit code from your authenticator app.',
  failed: 'Sign-in is not available right now. Please try again in a moment.',
} as const;

type Message = keyof typeof MESSAGES | null;

/** E-mail and password, then (for staff with two-step sign-in) a code. Errors are announced. */
export function SignInForm({ next }: { next: string }) {
  const [needsCode, setNeedsCode] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setMessage(null);
    try {
      const result = await signIn('credentials', {
        redirect: false,
        callbackUrl: next,
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        code: needsCode ? String(form.get('code') ?? '') : '',
      });
      if (result?.ok && !result.error) {
        window.location.assign(next);
        return;
      }
      if (result?.error === CODE_REQUIRED) {
        const alreadyAsked = needsCode;
        setNeedsCode(true);
        setMessage(alreadyAsked ? 'refused' : 'codeNeeded');
        requestAnimationFrame(() => codeRef.current?.focus());
      } else {
        setMessage(result?.status === 401 || result?.error ? 'refused' : 'failed');
        if (passwordRef.current) passwordRef.current.value = '';
        if (needsCode && codeRef.current) codeRef.current.value = '';
      }
    } catch {
      setMessage('failed');
    }
    setPending(false);
  }

  const isError = message !== null && message !== 'codeNeeded';
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={message ? 'sign-in-message' : undefined}>
      <div aria-live="assertive" role={isError ? 'alert' : 'status'} id="sign-in-message">
        {message ? (
          <p
            className={
              isError
                ? 'rounded-md border-l-4 border-red-700 bg-red-50 px-3 py-2 font-semibold text-red-900 dark:border-red-400 dark:bg-red-950/50 dark:text-red-100'
                : 'rounded-md border-l-4 border-blue-700 bg-blue-50 px-3 py-2 font-semibold text-slate-900 dark:border-sky-400 dark:bg-sky-950/40 dark:text-slate-50'
            }
          >
            {MESSAGES[message]}
          </p>
        ) : null}
      </div>
      <div>
        <Label htmlFor="email">E-mail address</Label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          spellCheck={false}
          autoCapitalize="none"
          className={`mt-1.5 ${controlClass(isError)}`}
        />
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={`mt-1.5 ${controlClass(isError)}`}
        />
      </div>
      {needsCode ? (
        <div>
          <Label htmlFor="code">Code from your authenticator app</Label>
          <Hint id="code-hint">Six digits. A new code appears every 30 seconds.</Hint>
          <input
            ref={codeRef}
            id="code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={8}
            required
            aria-describedby={describedBy('code-hint', isError && 'code-error')}
            className={`mt-1.5 max-w-40 font-mono tracking-widest ${controlClass(isError)}`}
          />
          <FieldError id="code-error" messages={isError ? ['Check the code, then try again.'] : undefined} />
        </div>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="w-full rounded-md bg-blue-700 px-5 py-2.5 text-base font-semibold text-white hover:bg-blue-800 disabled:opacity-70 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
