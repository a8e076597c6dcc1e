import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { sealSecret } from '@/lib/auth/secret-box';
import { TOTP_SECRET_PURPOSE } from '@/lib/auth/sign-in';
import { newTotpSecret } from '@/lib/auth/totp';
import type { StaffPrincipal, StaffRole } from '@/lib/auth/roles';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { hashPassword } from '@/lib/staff/password';

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestStaff = StaffPrincipal & { password: string; totpSecret: string | null };

/**
 * A staff member who can really sign in (argon2id hash of `password`), optionally with an enrolled
 * authenticator whose base32 secret is returned for generating codes.
 */
export async function createSignInStaff({
  role = 'moderator',
  password = TEST_PASSWORD,
  totp = false,
  email = `staff-${randomUUID().slice(0, 8)}@test.triage`,
}: { role?: StaffRole; password?: string; totp?: boolean; email?: string } = {}): Promise<TestStaff> {
  const totpSecret = totp ? newTotpSecret() : null;
  const staff = await getPrisma().staff.create({
    data: {
      email,
      name: `Test ${role}`,
      role,
      passwordHash: await hashPassword(password),
      totpSecret: totpSecret ? sealSecret(getConfig().TC_SECRET_KEY, TOTP_SECRET_PURPOSE, totpSecret) : null,
      totpEnabledAt: totpSecret ? new Date() : null,
    },
  });
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, sessionId: randomUUID(), password, totpSecret };
}

/** The authenticator code for `secret` at `at`. */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

export const minutes = (n: number) => n * 60_000;
export const after = (from: Date, ms: number) => new Date(from.getTime() + ms);
