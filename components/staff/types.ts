import type { StaffRole } from '@/lib/auth/roles';

export type { StaffRole };

/** What the staff admin components need to know of a server action's result (ActionResult's shape). */
export type StaffActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

export type StaffRow = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  twoFactorEnabled: boolean;
  locked: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
};
