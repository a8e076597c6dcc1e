import type { ReactNode } from 'react';

/** The ids a field's hint and error use, so aria-describedby can point at them. */
export function fieldIds(name: string) {
  return { control: name, hint: `${name}-hint`, error: `${name}-error` };
}

/** Joins the ids that exist into an aria-describedby value (undefined when none). */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}

/** Text boxes, text areas and selects: one look, a thicker red border when invalid. */
export function controlClass(invalid: boolean): string {
  return [
    'block w-full rounded-md border bg-white px-3 py-2.5 text-base text-slate-900 shadow-xs',
    'placeholder:text-slate-500 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400',
    invalid
      ? 'border-2 border-red-700 dark:border-red-400'
      : 'border-slate-500 dark:border-slate-500',
  ].join(' ');
}

/** Headline style for a question (a label or a legend). */
export const questionClass = 'block text-lg font-semibold text-slate-900 dark:text-slate-50';

type LabelProps = { htmlFor: string; children: ReactNode; optional?: boolean; question?: boolean };

export function Label({ htmlFor, children, optional, question }: LabelProps) {
  return (
    <label
      htmlFor={htmlFor}
      className={question ? questionClass : 'block text-base font-semibold text-slate-900 dark:text-slate-50'}
    >
      {children}
      {optional ? <span className="font-normal text-slate-600 dark:text-slate-400"> (optional)</span> : null}
    </label>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
      {children}
    </div>
  );
}

export function FieldError({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} className="mt-2 text-sm font-semibold text-red-700 dark:text-red-300">
      <span className="sr-only">Error: </span>
      {unique(messages).join(' ')}
    </p>
  );
}

function unique(messages: readonly string[]): string[] {
  return [...new Set(messages)];
}
