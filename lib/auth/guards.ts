import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { roleAtLeast, type StaffPrincipal, type StaffRole } from './roles';
import { currentStaff } from './session';

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
  const staff = await currentStaff();
  if (!staff) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!roleAtLeast(staff.role, role)) forbidden();
  return staff;
}
