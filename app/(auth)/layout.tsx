import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: { default: 'Sign in – Triage Console', template: '%s – Triage Console' } };

/** Sign-in and enrolment: a quiet page with one card, nothing else to look at. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main-content" tabIndex={-1} className="flex flex-1 items-start justify-center px-4 py-12 sm:py-20">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
        <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Triage Console</p>
        {children}
      </div>
    </main>
  );
}
