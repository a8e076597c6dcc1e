import Link from 'next/link';

/** Every public page ends with the one thing that matters more than this site: emergency numbers. */
export function SiteFooter() {
  return (
    <footer className="mt-auto border-t border-slate-200 bg-white text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
      <div className="mx-auto flex max-w-3xl flex-col gap-3 px-4 py-6 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <p className="max-w-prose">
          If a child is in danger right now, call <strong>999</strong> in the UK, <strong>911</strong> in the US, or
          your local emergency number.
        </p>
        <Link href="/report/status" className="shrink-0 font-medium text-blue-800 underline dark:text-sky-300">
          Check a report’s status
        </Link>
      </div>
    </footer>
  );
}
