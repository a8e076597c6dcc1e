import 'server-only';
import type { StaffPrincipal } from './roles';

/**
 * The signed-in staff member for this request, or null. PLACEHOLDER until the sign-in work lands:
 * it must read the next-auth session, check the staff_sessions row (not revoked, under 8 hours
 * old, seen within 30 minutes), refresh last_seen_at, and check the staff account is not disabled.
 */
export async function currentStaff(): Promise<StaffPrincipal | null> {
  return null;
}
