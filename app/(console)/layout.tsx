import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ConsoleHeader } from '@/components/console/console-header';
import { consoleLinksFor } from '@/lib/auth/console-nav';
import { currentStaff } from '@/lib/auth/session';

export const metadata: Metadata = { title: { default: 'Triage Console', template: '%s – Triage Console' } };

/**
 * The console shell. It only decides what the header shows: every page checks its own role with
 * requirePageRole (which sends signed-out visitors to /sign-in with their return path), because a
 * layout is not re-run on every navigation and must never be the access control.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const staff = await currentStaff();
  return (
    <>
      {staff ? <ConsoleHeader staff={{ name: staff.name, role: staff.role }} links={consoleLinksFor(staff.role)} /> : null}
      <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6">
        {children}
      </main>
    </>
  );
}
