import 'server-only';
import type { AuditActor } from '@/lib/audit/events';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { uniqueViolation } from '@/lib/db-errors';
import { AppError } from '@/lib/errors';
import { hashPassword } from './password';
import { ZCreateStaffInput, type TCreateStaffInput } from './schema';

export type CreatedStaff = { id: string; email: string; name: string; role: TCreateStaffInput['role'] };

/**
 * Creates a staff member with an initial password and records staff.created in the same transaction.
 * Created by an admin (a staff actor), the account must choose its own password at first sign-in;
 * created by the operator's CLI (`npm run staff:create`, usually the first admin), it need not.
 */
export async function createStaff(
  input: TCreateStaffInput,
  { actor, requestId }: { actor: AuditActor; requestId?: string | null },
): Promise<CreatedStaff> {
  const data = ZCreateStaffInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await getPrisma().$transaction(async (tx) => {
      const staff = await tx.staff.create({
        // Created by an admin: the password was chosen by someone else, so its owner replaces it at first sign-in.
        data: { email: data.email, name: data.name, role: data.role, passwordHash, mustChangePassword: actor.type === 'staff' },
        select: { id: true, email: true, name: true, role: true },
      });
      await writeAudit(
        tx,
        { event: 'staff.created', payload: { staffId: staff.id, email: staff.email, name: staff.name, role: staff.role } },
        { actor, requestId, entity: { type: 'staff', id: staff.id } },
      );
      return staff;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError('conflict', 'A staff member with that e-mail address already exists');
    throw error;
  }
}
