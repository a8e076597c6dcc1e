import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * Disables a staff account and revokes every session it has, so it is signed out everywhere at its
 * next request; staff.disabled is recorded in the same transaction. Admins cannot disable themselves
 * (which also keeps at least one admin able to sign in).
 */
export async function disableStaff(
  { staffId }: { staffId: string },
  { actor, now = new Date(), requestId }: { actor: StaffPrincipal; now?: Date; requestId?: string | null },
): Promise<{ revokedSessions: number }> {
  if (staffId === actor.id) throw new AppError('forbidden', 'You cannot disable your own account');
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.staff.updateMany({ where: { id: staffId, disabledAt: null }, data: { disabledAt: now } });
    if (count === 0) {
      const exists = await tx.staff.count({ where: { id: staffId } });
      if (!exists) throw new AppError('not_found', 'No such staff member');
      throw new AppError('conflict', 'That account is already disabled');
    }
    const revoked = await tx.staffSession.updateMany({ where: { staffId, revokedAt: null }, data: { revokedAt: now } });
    await writeAudit(
      tx,
      { event: 'staff.disabled', payload: { staffId, revokedSessions: revoked.count } },
      { actor: { type: 'staff', id: actor.id }, requestId, entity: { type: 'staff', id: staffId } },
    );
    return { revokedSessions: revoked.count };
  });
}
