import type { ReactNode } from 'react';

const TONES = {
  warning:
    'border-amber-500 bg-amber-50 text-amber-950 dark:border-amber-500/70 dark:bg-amber-950/40 dark:text-amber-50',
  danger: 'border-red-600 bg-red-50 text-red-950 dark:border-red-400 dark:bg-red-950/50 dark:text-red-50',
  info: 'border-blue-600 bg-blue-50 text-slate-900 dark:border-sky-500 dark:bg-sky-950/40 dark:text-slate-50',
} as const;

/** A boxed message with a thick left edge; its heading (if any) labels the region. */
export function Callout({
  tone,
  title,
  titleId,
  children,
  className = '',
}: {
  tone: keyof typeof TONES;
  title?: ReactNode;
  titleId?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      aria-labelledby={title && titleId ? titleId : undefined}
      className={`rounded-lg border border-l-8 px-4 py-4 sm:px-5 ${TONES[tone]} ${className}`}
    >
      {title ? (
        <h2 id={titleId} className="text-lg font-bold">
          {title}
        </h2>
      ) : null}
      <div className={title ? 'mt-2 space-y-2' : 'space-y-2'}>{children}</div>
    </section>
  );
}
