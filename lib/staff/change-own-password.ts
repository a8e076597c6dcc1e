import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyPassword } from './password';
import { ZChangeOwnPasswordInput, type TChangeOwnPasswordInput } from './schema';

/**
 * A signed-in staff member replaces their own password (at first sign-in, the one an admin chose).
 * The current password is checked again; the new hash, the cleared must-change flag and
 * staff.password_changed are written in one transaction. Other sessions of the account are
 * revoked: whoever knew the old password is signed out too.
 */
export async function changeOwnPassword(
  input: TChangeOwnPasswordInput,
  { staffId, sessionId, now = new Date(), requestId }: { staffId: string; sessionId: string; now?: Date; requestId?: string | null },
): Promise<void> {
  const data = ZChangeOwnPasswordInput.parse(input);
  const prisma = getPrisma();
  const staff = await prisma.staff.findUnique({ where: { id: staffId }, select: { passwordHash: true, mustChangePassword: true } });
  if (!staff) throw new AppError('not_found', 'No such staff member');
  if (!(await verifyPassword(staff.passwordHash, data.currentPassword))) {
    throw new AppError('invalid_input', 'Your current password is not right');
  }
  const passwordHash = await hashPassword(data.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: staffId }, data: { passwordHash, mustChangePassword: false } });
    await tx.staffSession.updateMany({ where: { staffId, revokedAt: null, id: { not: sessionId } }, data: { revokedAt: now } });
    await writeAudit(
      tx,
      { event: 'staff.password_changed', payload: { staffId, required: staff.mustChangePassword } },
      { actor: { type: 'staff', id: staffId }, requestId, entity: { type: 'staff', id: staffId } },
    );
  });
}
