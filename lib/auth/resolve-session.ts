import 'server-only';
import { getPrisma } from '@/lib/db';
import type { StaffPrincipal } from './roles';
import { sessionVerdict, shouldTouch } from './session-rules';
import { twoFactorRequired } from './two-factor-policy';

export type SessionClaims = { staffId: string; sessionId: string };

export type ResolvedSession = {
  staff: StaffPrincipal;
  /** Signed in, but must enrol a second factor before using the console. */
  enrolmentRequired: boolean;
  twoFactorEnabled: boolean;
  /** Signed in with a password an admin chose: must choose their own before using the console. */
  passwordChangeRequired: boolean;
};

/**
 * The server-side half of a session: the staff_sessions row named by the cookie must exist for that
 * staff member, not be revoked, be under 8 hours old and seen within 30 minutes, and the account
 * must not be disabled. The staff member's role is read afresh, so a role change applies at once.
 * last_seen_at is refreshed at most once a minute.
 */
export async function resolveSession(
  claims: SessionClaims,
  { now = new Date(), demo }: { now?: Date; demo: boolean },
): Promise<ResolvedSession | null> {
  const prisma = getPrisma();
  const row = await prisma.staffSession.findUnique({
    where: { id: claims.sessionId },
    select: {
      staffId: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      staff: { select: { id: true, email: true, name: true, role: true, disabledAt: true, totpEnabledAt: true, mustChangePassword: true } },
    },
  });
  if (!row || row.staffId !== claims.staffId) return null;
  const verdict = sessionVerdict({ ...row, staffDisabledAt: row.staff.disabledAt }, now);
  if (verdict !== 'active') return null;

  if (shouldTouch(row.lastSeenAt, now)) {
    // Conditional, so a revocation that lands meanwhile is never undone and racing requests write once.
    await prisma.staffSession.updateMany({
      where: { id: claims.sessionId, revokedAt: null, lastSeenAt: row.lastSeenAt },
      data: { lastSeenAt: now },
    });
  }

  const { staff } = row;
  const twoFactorEnabled = staff.totpEnabledAt !== null;
  return {
    staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role, sessionId: claims.sessionId },
    enrolmentRequired: twoFactorRequired(staff.role, demo) && !twoFactorEnabled,
    twoFactorEnabled,
    passwordChangeRequired: staff.mustChangePassword,
  };
}
