import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeNextPath } from '@/lib/auth/next-path';
import { currentSession } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  const session = await currentSession();
  if (session?.passwordChangeRequired) redirect(`/sign-in/password?next=${encodeURIComponent(next)}`);
  if (session?.enrolmentRequired) redirect(`/sign-in/two-factor?next=${encodeURIComponent(next)}`);
  if (session) redirect(next);

  return (
    <>
      <h1 className="mt-1 text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">For trust and safety staff only.</p>
      <div className="mt-6">
        <SignInForm next={next} />
      </div>
    </>
  );
}
