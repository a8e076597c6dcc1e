import type { ReactNode } from 'react';

/** A calm full-page message (not found, something went wrong): a heading and a few sentences. */
export function MessageBody({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="py-4 sm:py-6">
      <h1 className="text-3xl font-bold tracking-tight text-balance">{title}</h1>
      <div className="mt-4 max-w-prose space-y-4 text-lg text-slate-700 dark:text-slate-300">{children}</div>
    </div>
  );
}

/** The main landmark for pages rendered outside the public layout (root not-found and error pages). */
export function MainContent({ children }: { children: ReactNode }) {
  return (
    <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
      {children}
    </main>
  );
}
