import { roleAtLeast, type StaffRole } from './roles';

/**
 * Supervisors and admins must have a second factor, except in demo mode (TC_DEMO), where the demo
 * accounts are meant to be tried at once. Anyone may enrol; once enrolled, a code is always needed.
 */
export function twoFactorRequired(role: StaffRole, demo: boolean): boolean {
  return !demo && roleAtLeast(role, 'supervisor');
}
