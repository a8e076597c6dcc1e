import 'server-only';
import { roleAtLeast, type StaffPrincipal, type StaffRole } from '@/lib/auth/roles';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * Changes a staff member's role and records staff.role_changed with the roles before and after.
 * The new role applies from their next request (sessions read the role afresh). Admins cannot
 * demote themselves.
 */
export async function changeStaffRole(
  { staffId, role }: { staffId: string; role: StaffRole },
  { actor, requestId }: { actor: StaffPrincipal; requestId?: string | null },
): Promise<{ before: StaffRole; after: StaffRole }> {
  return getPrisma().$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ role: StaffRole }[]>`
      SELECT role::text AS role FROM staff WHERE id = ${staffId}::uuid FOR UPDATE`;
    if (!current) throw new AppError('not_found', 'No such staff member');
    if (staffId === actor.id && !roleAtLeast(role, current.role)) {
      throw new AppError('forbidden', 'You cannot lower your own role');
    }
    if (current.role === role) throw new AppError('conflict', `They already have the ${role} role`);
    await tx.staff.update({ where: { id: staffId }, data: { role } });
    await writeAudit(
      tx,
      { event: 'staff.role_changed', payload: { staffId, before: current.role, after: role } },
      { actor: { type: 'staff', id: actor.id }, requestId, entity: { type: 'staff', id: staffId } },
    );
    return { before: current.role, after: role };
  });
}
