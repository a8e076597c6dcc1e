import Link from 'next/link';

/** The public header: whose reporting page this is, and nothing to distract from it. */
export function SiteHeader({ platformName }: { platformName?: string }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-4 sm:px-6">
        <ShieldIcon />
        <p className="min-w-0 leading-tight">
          {platformName ? (
            <Link
              href="/report"
              className="block truncate text-lg font-semibold text-slate-900 no-underline hover:underline dark:text-white"
            >
              {platformName}
            </Link>
          ) : null}
          <span className="block text-sm text-slate-600 dark:text-slate-400">Child safety reporting</span>
        </p>
      </div>
    </header>
  );
}

function ShieldIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      className="size-9 shrink-0 text-blue-700 dark:text-sky-400"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M12 3 4.5 6v5.5c0 4.6 3.2 8.3 7.5 9.5 4.3-1.2 7.5-4.9 7.5-9.5V6L12 3Z" />
      <path d="m8.75 12 2.25 2.25 4.25-4.5" />
    </svg>
  );
}
