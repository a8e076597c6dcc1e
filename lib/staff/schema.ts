import { z } from 'zod';
import { STAFF_ROLES } from '@/lib/auth/roles';
import { normaliseEmail } from './email';
import { PASSWORD_MIN_LENGTH } from './password';

/** Longest password argon2 is asked to hash (a cap, so one request cannot cost much). */
export const PASSWORD_MAX_LENGTH = 1024;

export const ZStaffRole = z.enum(STAFF_ROLES);

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

/** A new staff member, as the admin page's form and `npm run staff:create` both send it. */
export const ZCreateStaffInput = z.object({
  email: z
    .string()
    .trim()
    .max(320)
    .pipe(z.email('Enter an e-mail address like name@example.org'))
    .transform(normaliseEmail),
  name: z.string().trim().min(1, 'Enter a name').max(120),
  role: ZStaffRole,
  password: ZPassword,
});
export type TCreateStaffInput = z.input<typeof ZCreateStaffInput>;

/** A staff member choosing their own password (required at first sign-in after an admin created the account). */
export const ZChangeOwnPasswordInput = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH), newPassword: ZPassword })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a password different from the one you were given' });
export type TChangeOwnPasswordInput = z.input<typeof ZChangeOwnPasswordInput>;

export const ZStaffIdInput = z.object({ staffId: z.uuid() });

export const ZChangeStaffRoleInput = z.object({ staffId: z.uuid(), role: ZStaffRole });
