import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { EnrolForm } from '@/components/auth/enrol-form';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { pendingTotpEnrolment } from '@/lib/auth/enrol-totp';
import { safeNextPath } from '@/lib/auth/next-path';
import { currentSession } from '@/lib/auth/session';
import { groupSecret } from '@/lib/auth/totp';
import { qrCodeDataUrl } from '@/lib/auth/totp-qr';
import { confirmEnrolmentAction } from './actions';

export const metadata: Metadata = { title: 'Set up two-step sign-in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Enrolment of an authenticator app: required for supervisors and admins, open to everyone. */
export default async function TwoFactorPage({ searchParams }: Props) {
  const { next: rawNext } = await searchParams;
  const next = safeNextPath(Array.isArray(rawNext) ? rawNext[0] : rawNext);
  const session = await currentSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(`/sign-in/two-factor?next=${next}`)}`);

  if (session.passwordChangeRequired) redirect(`/sign-in/password?next=${encodeURIComponent(next)}`);
  const enrolment = await pendingTotpEnrolment(session.staff.id);
  if (enrolment.status === 'enrolled') redirect(next);
  const qr = await qrCodeDataUrl(enrolment.uri);

  return (
    <>
      <h1 className="mt-1 text-2xl font-bold tracking-tight">Set up two-step sign-in</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        {session.enrolmentRequired
          ? `As a ${session.staff.role}, you need a code from an authenticator app each time you sign in. Set it up before you continue.`
          : 'Add a code from an authenticator app to each sign-in.'}
      </p>
      <ol className="mt-5 list-decimal space-y-4 pl-5 text-slate-800 dark:text-slate-200">
        <li>
          In your authenticator app, add an account by scanning this code:
          {/* A data: URL drawn on our server (lib/auth/totp-qr.ts); nothing is fetched. */}
          <img src={qr} alt="QR code for your authenticator app" width={192} height={192} className="mt-3 rounded-md bg-white p-1" />
          <p className="mt-3">Or type this set-up key:</p>
          <p className="mt-1 font-mono text-lg break-words select-all" data-testid="totp-secret">
            {groupSecret(enrolment.secret)}
          </p>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="mt-5">
        <EnrolForm next={next} confirm={confirmEnrolmentAction} />
      </div>
      <div className="mt-6 flex items-center gap-6 border-t border-slate-200 pt-4 dark:border-slate-800">
        {session.enrolmentRequired ? null : (
          <Link href={next} className="text-sm font-semibold text-blue-800 underline underline-offset-2 dark:text-sky-300">
            Not now
          </Link>
        )}
        <SignOutButton variant="link" />
      </div>
    </>
  );
}
