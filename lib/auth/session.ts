import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { authOptions, ZSessionClaims } from './auth-options';
import { requestIsHttps } from './cookie-security';
import { resolveSession, type ResolvedSession } from './resolve-session';
import type { StaffPrincipal } from './roles';

/**
 * This request's session, whatever its stage: null when there is no valid next-auth cookie or its
 * staff_sessions row has ended (revoked, over 8 hours old, idle 30 minutes, account disabled).
 * Memoised per request.
 */
export const currentSession = cache(async (): Promise<ResolvedSession | null> => {
  const secure = requestIsHttps(await headers());
  const session = await getServerSession(authOptions({ secure }));
  const claims = ZSessionClaims.safeParse(session);
  if (!claims.success) return null;
  return resolveSession(claims.data, { demo: getConfig().TC_DEMO });
});

/**
 * The signed-in staff member for this request, or null: no session, an ended one, or a supervisor
 * or admin who still has to enrol a second factor, or someone who must still choose their own
 * password (they may reach only those pages).
 */
export async function currentStaff(): Promise<StaffPrincipal | null> {
  const session = await currentSession();
  if (!session || session.enrolmentRequired || session.passwordChangeRequired) return null;
  return session.staff;
}
