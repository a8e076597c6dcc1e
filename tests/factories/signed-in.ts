import type { StaffPrincipal } from '@/lib/auth/roles';

/**
 * Who the request is signed in as, for integration tests that call pages, route handlers and
 * actions directly. A test file mocks '@/lib/auth/session' with `signedInSessionModule` (next-auth's
 * cookie parsing needs a Next.js request scope); the guards in lib/auth/guards.ts stay real, so
 * role checks are tested as they run.
 */
let current: StaffPrincipal | null = null;

export function signInAs(staff: StaffPrincipal | null): void {
  current = staff;
}

export const signedInSessionModule = {
  currentSession: async () => (current ? { staff: current, enrolmentRequired: false, twoFactorEnabled: true } : null),
  currentStaff: async () => current,
};
