import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** Re-enables a disabled account (its old sessions stay revoked) and records staff.enabled. */
export async function enableStaff(
  { staffId }: { staffId: string },
  { actor, requestId }: { actor: StaffPrincipal; requestId?: string | null },
): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    const { count } = await tx.staff.updateMany({
      where: { id: staffId, disabledAt: { not: null } },
      // A fresh start: failures counted before the account was disabled no longer matter.
      data: { disabledAt: null, failedAttempts: 0, lockedUntil: null },
    });
    if (count === 0) {
      const exists = await tx.staff.count({ where: { id: staffId } });
      if (!exists) throw new AppError('not_found', 'No such staff member');
      throw new AppError('conflict', 'That account is not disabled');
    }
    await writeAudit(
      tx,
      { event: 'staff.enabled', payload: { staffId } },
      { actor: { type: 'staff', id: actor.id }, requestId, entity: { type: 'staff', id: staffId } },
    );
  });
}
