import type { StaffRole } from '@/lib/generated/prisma/enums';

export type { StaffRole };

export const STAFF_ROLES = ['moderator', 'supervisor', 'admin'] as const satisfies readonly StaffRole[];

/** Each role can do everything the roles below it can. */
const RANK: Record<StaffRole, number> = { moderator: 1, supervisor: 2, admin: 3 };

export function roleAtLeast(role: StaffRole, required: StaffRole): boolean {
  return RANK[role] >= RANK[required];
}

/** The signed-in staff member as every guard returns it. */
export type StaffPrincipal = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** The server-side session row (staff_sessions.id). */
  sessionId: string;
};
