import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { roleAtLeast, type StaffPrincipal, type StaffRole } from './roles';
import type { ResolvedSession } from './resolve-session';
import { currentSession, currentStaff } from './session';

/**
 * The one authorisation helper. Every server action, route handler and page that reads or changes
 * protected data calls one of these itself; middleware may redirect, nothing more.
 */

/** For route handlers and server actions: 401 when not signed in. */
export async function requireStaff(): Promise<StaffPrincipal> {
  const staff = await currentStaff();
  if (!staff) throw new AppError('unauthorised', 'Sign in to continue');
  return staff;
}

/** For route handlers and server actions: 401 when not signed in, 403 below `role`. */
export async function requireRole(role: StaffRole): Promise<StaffPrincipal> {
  const staff = await requireStaff();
  if (!roleAtLeast(staff.role, role)) throw new AppError('forbidden', `This needs the ${role} role`);
  return staff;
}

/** For pages: to the sign-in page when not signed in, a 403 page below `role`. */
export async function requirePageRole(role: StaffRole, returnTo = '/console'): Promise<StaffPrincipal> {
  const session = await currentSession();
  const next = encodeURIComponent(returnTo);
  if (!session) redirect(`/sign-in?next=${next}`);
  // An account an admin created: its owner chooses a password first, then (if needed) enrols.
  if (session.passwordChangeRequired) redirect(`/sign-in/password?next=${next}`);
  // Signed in, but a supervisor or admin without a second factor: enrol first.
  if (session.enrolmentRequired) redirect(`/sign-in/two-factor?next=${next}`);
  if (!roleAtLeast(session.staff.role, role)) forbidden();
  return session.staff;
}

/**
 * Any signed-in session, including one that still has to enrol a second factor or choose its own
 * password. Only for those pages and their actions; everything else uses the guards above.
 */
export async function requireSignedInSession(): Promise<ResolvedSession> {
  const session = await currentSession();
  if (!session) throw new AppError('unauthorised', 'Sign in to continue');
  return session;
}
