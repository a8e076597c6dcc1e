'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

const STYLES = {
  button:
    'rounded-md border border-slate-400 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-70 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800',
  link: 'text-sm font-semibold text-blue-800 underline underline-offset-2 disabled:opacity-70 dark:text-sky-300',
} as const;

/** Ends the session (next-auth's sign-out, which revokes the staff_sessions row) and returns to sign-in. */
export function SignOutButton({ variant = 'button' }: { variant?: keyof typeof STYLES }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      className={STYLES[variant]}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ redirect: false });
        } finally {
          window.location.assign('/sign-in');
        }
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
