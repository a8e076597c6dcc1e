import 'server-only';
import { getPrisma } from '@/lib/db';
import type { StaffRole } from '@/lib/auth/roles';

export type AssignableStaffDto = { id: string; name: string; role: StaffRole };

/** Active staff a supervisor can hand a case to, by name. */
export async function listAssignableStaff(): Promise<AssignableStaffDto[]> {
  return getPrisma().staff.findMany({
    where: { disabledAt: null },
    select: { id: true, name: true, role: true },
    orderBy: { name: 'asc' },
  });
}
