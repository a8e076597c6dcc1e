import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { openSecret, sealSecret } from './secret-box';
import { TOTP_SECRET_PURPOSE } from './sign-in';
import { newTotpSecret, totpUri, verifyTotpCode } from './totp';

export type PendingEnrolment = { status: 'pending'; secret: string; uri: string } | { status: 'enrolled' };

/**
 * The secret an authenticator app should be set up with. It is generated once and kept (sealed,
 * see secret-box.ts) until confirmed, so reloading the page shows the same one; it counts for
 * nothing until confirmTotpEnrolment accepts a code from it.
 */
export async function pendingTotpEnrolment(staffId: string): Promise<PendingEnrolment> {
  const { TC_SECRET_KEY, PLATFORM_NAME } = getConfig();
  const prisma = getPrisma();
  const staff = await prisma.staff.findUniqueOrThrow({
    where: { id: staffId },
    select: { email: true, totpSecret: true, totpEnabledAt: true },
  });
  if (staff.totpEnabledAt) return { status: 'enrolled' };

  let secret = staff.totpSecret ? openSecret(TC_SECRET_KEY, TOTP_SECRET_PURPOSE, staff.totpSecret) : null;
  if (!secret) {
    const fresh = newTotpSecret();
    // Conditional: two tabs opening the page at once keep one secret between them.
    await prisma.staff.updateMany({
      where: { id: staffId, totpEnabledAt: null, totpSecret: staff.totpSecret },
      data: { totpSecret: sealSecret(TC_SECRET_KEY, TOTP_SECRET_PURPOSE, fresh) },
    });
    const stored = await prisma.staff.findUniqueOrThrow({ where: { id: staffId }, select: { totpSecret: true } });
    secret = stored.totpSecret ? openSecret(TC_SECRET_KEY, TOTP_SECRET_PURPOSE, stored.totpSecret) : null;
    if (!secret) throw new Error('Could not store a TOTP secret');
  }
  return { status: 'pending', secret, uri: totpUri({ issuer: `Triage Console – ${PLATFORM_NAME}`, account: staff.email, secret }) };
}

/** Turns the second factor on once a code from the pending secret checks out; records staff.two_factor_enrolled. */
export async function confirmTotpEnrolment(
  { staffId, code }: { staffId: string; code: string },
  { now = new Date(), requestId }: { now?: Date; requestId?: string | null } = {},
): Promise<void> {
  const { TC_SECRET_KEY } = getConfig();
  await getPrisma().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ totp_secret: string | null; totp_enabled_at: Date | null }[]>`
      SELECT totp_secret, totp_enabled_at FROM staff WHERE id = ${staffId}::uuid FOR UPDATE`;
    if (!row) throw new AppError('not_found', 'No such staff member');
    if (row.totp_enabled_at) throw new AppError('conflict', 'Two-step sign-in is already set up');
    const secret = row.totp_secret ? openSecret(TC_SECRET_KEY, TOTP_SECRET_PURPOSE, row.totp_secret) : null;
    if (!secret) throw new AppError('conflict', 'Reload the page to get a new set-up code');
    const step = await verifyTotpCode(secret, code, now);
    if (step === null) {
      throw new AppError('invalid_input', 'That code did not match. Check the time on your phone and try the newest code.');
    }
    // The enrolment code counts as used: it cannot also sign someone in.
    await tx.staff.update({ where: { id: staffId }, data: { totpEnabledAt: now, totpLastStep: step } });
    await writeAudit(
      tx,
      { event: 'staff.two_factor_enrolled', payload: { staffId } },
      { actor: { type: 'staff', id: staffId }, requestId, entity: { type: 'staff', id: staffId } },
    );
  });
}
