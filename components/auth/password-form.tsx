'use client';

import { useState, type FormEvent } from 'react';
import { controlClass, describedBy, FieldError, Hint, Label } from '@/components/ui/field';

type Input = { currentPassword: string; newPassword: string };
type Result = { ok: true } | { ok: false; error: { message: string; fieldErrors?: Record<string, string[]> } };

/** Current password, then a new one; on success, on to where the user was going. */
export function PasswordForm({ next, minLength, change }: { next: string; minLength: number; change: (input: Input) => Promise<Result> }) {
  const [errors, setErrors] = useState<{ form?: string; currentPassword?: string[]; newPassword?: string[] }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const input = { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: String(form.get('newPassword') ?? '') };
    if (input.newPassword !== String(form.get('confirmPassword') ?? '')) {
      setErrors({ newPassword: ['The two new passwords are not the same'] });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      const result = await change(input);
      if (result.ok) {
        window.location.assign(next);
        return;
      }
      const fields = result.error.fieldErrors ?? {};
      setErrors({ form: fields.currentPassword || fields.newPassword ? undefined : result.error.message, ...fields });
    } catch {
      setErrors({ form: 'Something went wrong on our side. Please try again.' });
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <div role="alert">{errors.form ? <p className="font-semibold text-red-800 dark:text-red-300">{errors.form}</p> : null}</div>
      <div>
        <Label htmlFor="currentPassword">Password you were given</Label>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={errors.currentPassword ? true : undefined}
          aria-describedby={describedBy(errors.currentPassword && 'current-error')}
          className={`mt-1.5 ${controlClass(Boolean(errors.currentPassword))}`}
        />
        <FieldError id="current-error" messages={errors.currentPassword} />
      </div>
      <div>
        <Label htmlFor="newPassword">New password</Label>
        <Hint id="new-hint">At least {minLength} characters. A few unrelated words are easy to remember and hard to guess.</Hint>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={minLength}
          required
          aria-invalid={errors.newPassword ? true : undefined}
          aria-describedby={describedBy('new-hint', errors.newPassword && 'new-error')}
          className={`mt-1.5 ${controlClass(Boolean(errors.newPassword))}`}
        />
        <FieldError id="new-error" messages={errors.newPassword} />
      </div>
      <div>
        <Label htmlFor="confirmPassword">New password again</Label>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required className={`mt-1.5 ${controlClass(false)}`} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-5 py-2.5 text-base font-semibold text-white hover:bg-blue-800 disabled:opacity-70 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
      >
        {pending ? 'Saving…' : 'Save my password'}
      </button>
    </form>
  );
}
