import { REASON_CODES, type ReasonCode, type ReasonCodeAction } from '@/lib/cases/reason-codes';
import { NOTE_MAX, PRESERVATION_DAYS_DEFAULT, PRESERVATION_DAYS_MAX } from '@/lib/cases/schema';

/** Field building blocks of the case action forms; every control has a label and its error text. */

export type FieldErrors = Record<string, string[] | undefined>;

const control =
  'w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 aria-[invalid=true]:border-red-700 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:aria-[invalid=true]:border-red-400';

export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
      {messages.join(' ')}
    </p>
  );
}

export function ReasonField({ formId, list, errors, optional = false }: { formId: string; list: ReasonCodeAction; errors?: string[]; optional?: boolean }) {
  const errorId = `${formId}-reason-error`;
  const reasons = REASON_CODES[list] as readonly ReasonCode[];
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined} aria-invalid={errors?.length ? true : undefined}>
      <legend className="text-sm font-semibold">Reason{optional ? ' (optional)' : ''}</legend>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {reasons.map((r, i) => (
          <label key={r.code} className="flex gap-2 rounded border border-slate-200 p-2 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 dark:border-slate-700 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950/40">
            <input type="radio" name="reasonCode" value={r.code} className="mt-0.5 size-4 shrink-0" data-first-field={i === 0 ? true : undefined} />
            <span>
              <span className="block font-medium">{r.label}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{r.description}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id={errorId} messages={errors} />
    </fieldset>
  );
}

export function NoteField({
  formId,
  name,
  label,
  required,
  errors,
  first = false,
}: {
  formId: string;
  name: 'note' | 'body';
  label: string;
  required: boolean;
  errors?: string[];
  first?: boolean;
}) {
  const id = `${formId}-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
        {required ? '' : ' (optional)'}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={NOTE_MAX}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        data-first-field={first ? true : undefined}
        className={control}
      />
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

export function SuspensionEndField({ formId, errors, withNone = false }: { formId: string; errors?: string[]; withNone?: boolean }) {
  const id = `${formId}-until`;
  // The combined response names its choice `enforcement` (permanent, until, none); suspend alone `duration`.
  const name = withNone ? 'enforcement' : 'duration';
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-semibold">{withNone ? 'Enforcement' : 'How long'}</legend>
      <div className="mt-1 flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name={name} value="permanent" defaultChecked className="size-4" />
          {withNone ? 'Suspend permanently' : 'Permanent'}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={name} value="until" className="size-4" />
          {withNone ? 'Suspend until the end of' : 'Until the end of'}
        </label>
        <label htmlFor={id} className="sr-only">
          Suspension end date
        </label>
        <input id={id} name="until" type="date" aria-invalid={errors?.length ? true : undefined} className={`${control} w-auto`} />
        {withNone ? (
          <label className="flex items-center gap-2">
            <input type="radio" name={name} value="none" className="size-4" />
            No enforcement (the account stays up)
          </label>
        ) : null}
      </div>
      <FieldError id={`${id}-error`} messages={errors} />
    </fieldset>
  );
}

export function DurationDaysField({ formId, errors }: { formId: string; errors?: string[] }) {
  const id = `${formId}-days`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        Hold for (days)
      </label>
      <input
        id={id}
        name="durationDays"
        type="number"
        min={1}
        max={PRESERVATION_DAYS_MAX}
        defaultValue={PRESERVATION_DAYS_DEFAULT}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={`${control} w-32`}
      />
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
