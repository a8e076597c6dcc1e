import 'server-only';
import type { StaffRole } from '@/lib/auth/roles';
import { isLocked } from '@/lib/auth/lockout';
import { getPrisma } from '@/lib/db';

/** One row of the admin staff list: exactly what the page shows, no hashes or secrets. */
export type StaffListItem = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  twoFactorEnabled: boolean;
  locked: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
};

export async function listStaff({ now = new Date() }: { now?: Date } = {}): Promise<StaffListItem[]> {
  const rows = await getPrisma().staff.findMany({
    orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, totpEnabledAt: true, failedAttempts: true, lockedUntil: true, disabledAt: true, lastSignInAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    twoFactorEnabled: row.totpEnabledAt !== null,
    locked: isLocked(row, now),
    disabled: row.disabledAt !== null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  }));
}
