'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { controlClass, describedBy, FieldError, Hint } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/action';

export type ExtendHold = (input: { holdId: string; days: string; reason: string }) => Promise<ActionResult<{ expiresAt: string; extensions: number }>>;
export type RequestRelease = (input: { holdId: string; reasonCode: string; reason: string }) => Promise<ActionResult<{ approvalId: string }>>;

type Outcome = { ok: true; text: string } | { ok: false; text: string; fieldErrors: Record<string, string[]> } | null;

/** Runs a hold action from a form: field errors under their fields, the outcome announced, the page refreshed. */
function useHoldForm<T>(run: (form: FormData) => Promise<ActionResult<T>>, done: (data: T) => string) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const submit = (form: FormData) =>
    startTransition(async () => {
      const result = await run(form);
      if (!result.ok) return setOutcome({ ok: false, text: result.error.message, fieldErrors: result.error.fieldErrors ?? {} });
      setOutcome({ ok: true, text: done(result.data) });
      router.refresh();
    });
  const errors = (field: string) => (outcome && !outcome.ok ? outcome.fieldErrors[field] : undefined);
  return { outcome, pending, submit, errors };
}

function Field({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors: string[] | undefined; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      {children}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

function Status({ outcome }: { outcome: Outcome }) {
  return (
    <p role="status" aria-live="polite" className={`text-sm font-semibold ${outcome?.ok ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}`}>
      {outcome?.text ?? ''}
    </p>
  );
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
const aria = (id: string, errors: string[] | undefined, hint = false) => ({
  'aria-invalid': errors ? true : undefined,
  'aria-describedby': describedBy(hint && `${id}-hint`, errors && `${id}-error`),
});
const button = 'rounded-md bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 disabled:opacity-60 dark:bg-sky-400 dark:text-slate-950';

/** Extend a hold: days (365 when left empty) and why; the server checks the role and the ceiling. */
export function ExtendHoldForm({ holdId, label, extend }: { holdId: string; label: string; extend: ExtendHold }) {
  const { outcome, pending, submit, errors } = useHoldForm(
    (form) => extend({ holdId, days: text(form, 'days'), reason: text(form, 'reason') }),
    (data) => `Extended to ${new Date(data.expiresAt).toISOString().slice(0, 10)} (extension ${data.extensions}).`,
  );
  const id = `extend-${holdId}`;
  return (
    <form action={submit} noValidate aria-label={`Extend the hold on ${label}`} className="mt-2 space-y-2">
      <Field id={`${id}-days`} label="Extend by (days)" hint="1 to 365; empty means 365. Counted from the current expiry." errors={errors('days')}>
        <input id={`${id}-days`} name="days" type="number" min={1} max={365} inputMode="numeric" className={controlClass(Boolean(errors('days')))} {...aria(`${id}-days`, errors('days'), true)} />
      </Field>
      <Field id={`${id}-reason`} label="Why extend" errors={errors('reason')}>
        <textarea id={`${id}-reason`} name="reason" rows={2} maxLength={2000} required className={controlClass(Boolean(errors('reason')))} {...aria(`${id}-reason`, errors('reason'))} />
      </Field>
      <button type="submit" disabled={pending} className={button}>
        {pending ? 'Extending…' : 'Extend hold'}
      </button>
      <Status outcome={outcome} />
    </form>
  );
}

/** Ask for an early release: a reason from the list and an explanation; another supervisor decides. */
export function RequestReleaseForm({
  holdId,
  label,
  reasons,
  requestRelease,
}: {
  holdId: string;
  label: string;
  reasons: { code: string; label: string }[];
  requestRelease: RequestRelease;
}) {
  const { outcome, pending, submit, errors } = useHoldForm(
    (form) => requestRelease({ holdId, reasonCode: text(form, 'reasonCode'), reason: text(form, 'reason') }),
    () => 'Asked: another supervisor decides in the approvals inbox.',
  );
  const id = `release-${holdId}`;
  return (
    <form action={submit} noValidate aria-label={`Request early release of the hold on ${label}`} className="mt-2 space-y-2">
      <Field id={`${id}-code`} label="Reason" errors={errors('reasonCode')}>
        <select id={`${id}-code`} name="reasonCode" required className={controlClass(Boolean(errors('reasonCode')))} {...aria(`${id}-code`, errors('reasonCode'))}>
          <option value="">Choose…</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-reason`} label="Why release early" errors={errors('reason')}>
        <textarea id={`${id}-reason`} name="reason" rows={2} maxLength={2000} required className={controlClass(Boolean(errors('reason')))} {...aria(`${id}-reason`, errors('reason'))} />
      </Field>
      <button type="submit" disabled={pending} className={button}>
        {pending ? 'Asking…' : 'Request early release'}
      </button>
      <Status outcome={outcome} />
    </form>
  );
}
