import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';

export type ConsoleHeaderProps = {
  staff: { name: string; role: string };
  links: readonly { href: string; label: string }[];
};

/** The console's top bar: where you can go (only what your role may open), who you are, sign out. */
export function ConsoleHeader({ staff, links }: ConsoleHeaderProps) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <p className="font-semibold text-slate-900 dark:text-white">Triage Console</p>
        <nav aria-label="Console" className="flex-1">
          <ul className="flex flex-wrap gap-x-1 gap-y-1">
            {links.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  className="rounded-md px-2.5 py-1.5 text-sm font-semibold text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-200 dark:hover:bg-slate-800 dark:hover:text-white"
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-3" data-testid="console-identity">
          <p className="text-right text-sm leading-tight">
            <span className="block font-semibold text-slate-900 dark:text-white">{staff.name}</span>
            <span className="block text-slate-600 capitalize dark:text-slate-400">{staff.role}</span>
          </p>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
