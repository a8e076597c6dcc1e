'use client';

import { useEffect, useRef, type MouseEvent } from 'react';

export type ErrorSummaryItem = { message: string; /** id of the control to jump to */ target?: string };

/**
 * The list of problems at the top of a form. Present in the server HTML (so it works without
 * JavaScript) and focused when it appears, so a screen reader reads it and Tab continues from here.
 */
export function ErrorSummary({ title, items }: { title: string; items: ErrorSummaryItem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      className="rounded-lg border-4 border-red-700 bg-white p-4 text-slate-900 sm:p-5 dark:border-red-400 dark:bg-slate-900 dark:text-slate-50"
    >
      <h2 id="error-summary-title" className="text-lg font-bold">
        {title}
      </h2>
      {items.length > 0 ? (
        <ul className="mt-2 list-none space-y-1.5">
          {items.map((item, i) => (
            <li key={`${item.target ?? 'form'}-${i}`}>
              {item.target ? (
                <a
                  href={`#${item.target}`}
                  onClick={(event) => focusControl(event, item.target!)}
                  className="font-semibold text-red-700 underline underline-offset-2 dark:text-red-300"
                >
                  {item.message}
                </a>
              ) : (
                <span className="font-semibold">{item.message}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A fragment link only scrolls; move focus into the control too, and bring its label or legend into
 * view so the question is visible above the answer.
 */
function focusControl(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const control = document.getElementById(id);
  if (!control) return;
  event.preventDefault();
  const context = control.closest('fieldset')?.querySelector('legend') ?? document.querySelector(`label[for="${id}"]`);
  (context ?? control).scrollIntoView({ block: 'start' });
  control.focus({ preventScroll: true });
}
