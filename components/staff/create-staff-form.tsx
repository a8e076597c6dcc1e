'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { controlClass, describedBy, FieldError, Hint, Label } from '@/components/ui/field';
import type { StaffActionResult, StaffRole } from './types';

type CreateInput = { email: string; name: string; role: StaffRole; password: string };

/** A new account with an initial password, which the admin passes on to the person by a safe channel. */
export function CreateStaffForm({
  roles,
  passwordMinLength,
  create,
}: {
  roles: readonly StaffRole[];
  passwordMinLength: number;
  create: (input: CreateInput) => Promise<StaffActionResult<{ email: string }>>;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setMessage(null);
    try {
      const result = await create({
        email: String(form.get('email') ?? ''),
        name: String(form.get('name') ?? ''),
        role: String(form.get('role') ?? '') as StaffRole,
        password: String(form.get('password') ?? ''),
      });
      if (result.ok) {
        setErrors({});
        setMessage({ tone: 'ok', text: `Created ${result.data.email}. Give them their password by a safe channel.` });
        formRef.current?.reset();
        router.refresh();
      } else {
        setErrors(result.error.fieldErrors ?? {});
        setMessage({ tone: 'error', text: result.error.message });
      }
    } catch {
      setMessage({ tone: 'error', text: 'Something went wrong on our side. Please try again.' });
    }
    setPending(false);
  }

  const field = (name: string) => ({ invalid: Boolean(errors[name]?.length), errorId: `new-${name}-error` });

  return (
    <section aria-labelledby="create-staff-title" className="max-w-xl">
      <h2 id="create-staff-title" className="text-lg font-bold">
        Add a staff member
      </h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-3 space-y-4">
        <div role={message?.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
          {message ? (
            <p className={message.tone === 'ok' ? 'font-semibold text-green-800 dark:text-green-300' : 'font-semibold text-red-700 dark:text-red-300'}>
              {message.text}
            </p>
          ) : null}
        </div>
        {(['email', 'name'] as const).map((name) => (
          <div key={name}>
            <Label htmlFor={`new-${name}`}>{name === 'email' ? 'E-mail address' : 'Name'}</Label>
            <input
              id={`new-${name}`}
              name={name}
              type={name === 'email' ? 'email' : 'text'}
              autoComplete="off"
              aria-invalid={field(name).invalid || undefined}
              aria-describedby={describedBy(field(name).invalid && field(name).errorId)}
              className={`mt-1.5 ${controlClass(field(name).invalid)}`}
            />
            <FieldError id={field(name).errorId} messages={errors[name]} />
          </div>
        ))}
        <div>
          <Label htmlFor="new-role">Role</Label>
          <select id="new-role" name="role" defaultValue="moderator" className={`mt-1.5 capitalize ${controlClass(false)}`}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="new-password">Initial password</Label>
          <Hint id="new-password-hint">At least {passwordMinLength} characters.</Hint>
          <input
            id="new-password"
            name="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={field('password').invalid || undefined}
            aria-describedby={describedBy('new-password-hint', field('password').invalid && field('password').errorId)}
            className={`mt-1.5 ${controlClass(field('password').invalid)}`}
          />
          <FieldError id={field('password').errorId} messages={errors.password} />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-blue-700 px-5 py-2.5 text-base font-semibold text-white hover:bg-blue-800 disabled:opacity-70 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
        >
          {pending ? 'Adding…' : 'Add staff member'}
        </button>
      </form>
    </section>
  );
}
