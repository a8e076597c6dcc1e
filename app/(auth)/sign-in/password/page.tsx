import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PasswordForm } from '@/components/auth/password-form';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { safeNextPath } from '@/lib/auth/next-path';
import { currentSession } from '@/lib/auth/session';
import { PASSWORD_MIN_LENGTH } from '@/lib/staff/password';
import { changeOwnPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Choose your password' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** First sign-in of an account an admin created: its owner replaces the password they were given. */
export default async function ChoosePasswordPage({ searchParams }: Props) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  const session = await currentSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  if (!session.passwordChangeRequired) redirect(next);

  return (
    <>
      <h1 className="mt-1 text-2xl font-bold tracking-tight">Choose your password</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        An administrator set up your account with a password they chose. Choose your own before you continue; only you will know it.
      </p>
      <div className="mt-6">
        <PasswordForm next={next} minLength={PASSWORD_MIN_LENGTH} change={changeOwnPasswordAction} />
      </div>
      <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
        <SignOutButton variant="link" />
      </div>
    </>
  );
}
