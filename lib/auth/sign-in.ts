import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getConfig } from '@/lib/config';
import { getPrisma, type Tx } from '@/lib/db';
import { keyedHash } from '@/lib/security/client-source';
import { normaliseEmail } from '@/lib/staff/email';
import { hashPassword, verifyPassword } from '@/lib/staff/password';
import { afterFailedAttempt, afterSuccessfulAttempt, isLocked, MAX_FAILED_ATTEMPTS, type LockoutState } from './lockout';
import { openSecret } from './secret-box';
import { sessionExpiry } from './session-rules';
import { verifyTotpCode } from './totp';

export const TOTP_SECRET_PURPOSE = 'totp-secret';

export type SignInInput = { email: string; password: string; code?: string | null };
export type SignInResult =
  | { status: 'signed_in'; staffId: string; sessionId: string }
  /** Password right, account has a second factor, no code given: ask for it. Nothing counted. */
  | { status: 'code_required' }
  /** Anything else. Deliberately one outcome: the caller cannot tell an unknown e-mail from a locked account. */
  | { status: 'refused' };

type FailureReason = 'unknown_email' | 'wrong_password' | 'wrong_code' | 'code_reused' | 'locked' | 'disabled';
type Options = { now?: Date; requestId?: string | null };

let timingHash: Promise<string> | undefined;
/** Unknown e-mails still pay for one argon2 verification, so timing does not reveal which exist. */
function dummyHash(): Promise<string> {
  timingHash ??= hashPassword('timing-equaliser-not-a-password');
  return timingHash;
}

/**
 * Checks a sign-in attempt and records it: on success a staff_sessions row and staff.signed_in; on
 * failure the lockout counters and staff.sign_in_failed (plus staff.locked_out on the attempt that
 * locks), each in one transaction with its audit entry. The caller turns 'refused' into one generic
 * message.
 */
export async function signInWithPassword(input: SignInInput, options: Options = {}): Promise<SignInResult> {
  const now = options.now ?? new Date();
  const email = normaliseEmail(input.email);
  const emailHash = keyedHash(getConfig().TC_SECRET_KEY, 'sign-in-email', email);
  const prisma = getPrisma();
  const staff = await prisma.staff.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
      failedAttempts: true,
      lockedUntil: true,
      disabledAt: true,
    },
  });

  if (!staff) {
    await verifyPassword(await dummyHash(), input.password);
    await prisma.$transaction((tx) => auditFailure(tx, null, emailHash, 'unknown_email', 0, options));
    return { status: 'refused' };
  }

  const passwordOk = await verifyPassword(staff.passwordHash, input.password);
  let failure: FailureReason | null = isLocked(staff, now) ? 'locked' : staff.disabledAt ? 'disabled' : passwordOk ? null : 'wrong_password';
  const secondFactor = staff.totpEnabledAt !== null;
  let codeStep: number | null = null;
  if (!failure && secondFactor) {
    const code = input.code?.trim();
    if (!code) return { status: 'code_required' };
    const secret = staff.totpSecret ? openSecret(getConfig().TC_SECRET_KEY, TOTP_SECRET_PURPOSE, staff.totpSecret) : null;
    codeStep = secret ? await verifyTotpCode(secret, code, now) : null;
    if (codeStep === null) failure = 'wrong_code';
    else if (staff.totpLastStep !== null && codeStep <= staff.totpLastStep) failure = 'code_reused';
  }

  return prisma.$transaction(async (tx) => {
    // Re-read under a row lock: concurrent attempts must not lose counts or slip past a fresh lock.
    const current = await lockStaffRow(tx, staff.id);
    if (!failure && (isLocked(current, now) || current.disabledAt)) failure = current.disabledAt ? 'disabled' : 'locked';
    // Checked again under the lock: two simultaneous sign-ins with one code, only one gets in.
    if (!failure && codeStep !== null && current.totpLastStep !== null && codeStep <= current.totpLastStep) failure = 'code_reused';
    if (failure) {
      await recordFailure(tx, staff.id, emailHash, failure, current, now, options);
      return { status: 'refused' } as const;
    }
    await tx.staff.update({
      where: { id: staff.id },
      data: { ...afterSuccessfulAttempt(), lastSignInAt: now, ...(codeStep === null ? {} : { totpLastStep: codeStep }) },
    });
    const session = await tx.staffSession.create({
      data: { staffId: staff.id, createdAt: now, lastSeenAt: now, expiresAt: sessionExpiry(now) },
      select: { id: true },
    });
    await writeAudit(
      tx,
      { event: 'staff.signed_in', payload: { staffId: staff.id, sessionId: session.id, secondFactor } },
      { actor: { type: 'staff', id: staff.id }, requestId: options.requestId, entity: { type: 'staff', id: staff.id } },
    );
    return { status: 'signed_in', staffId: staff.id, sessionId: session.id } as const;
  });
}

async function lockStaffRow(tx: Tx, id: string): Promise<LockoutState & { disabledAt: Date | null; totpLastStep: number | null }> {
  const [row] = await tx.$queryRaw<{ failed_attempts: number; locked_until: Date | null; disabled_at: Date | null; totp_last_step: number | null }[]>`
    SELECT failed_attempts, locked_until, disabled_at, totp_last_step FROM staff WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw new Error('Staff row vanished during sign-in');
  return { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until, disabledAt: row.disabled_at, totpLastStep: row.totp_last_step };
}

async function recordFailure(
  tx: Tx,
  staffId: string,
  emailHash: string,
  reason: FailureReason,
  current: LockoutState,
  now: Date,
  options: Options,
) {
  // Attempts against a locked or disabled account are recorded but not counted: the lock runs its
  // 15 minutes from the attempt that set it.
  if (reason === 'locked' || reason === 'disabled') {
    return auditFailure(tx, staffId, emailHash, reason, current.failedAttempts, options);
  }
  const next = afterFailedAttempt(current, now);
  await tx.staff.update({ where: { id: staffId }, data: { failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil } });
  await auditFailure(tx, staffId, emailHash, reason, next.failedAttempts, options);
  if (next.lockedNow && next.lockedUntil) {
    await writeAudit(
      tx,
      { event: 'staff.locked_out', payload: { staffId, lockedUntil: next.lockedUntil.toISOString(), afterAttempts: MAX_FAILED_ATTEMPTS } },
      { actor: { type: 'system', id: 'sign-in' }, requestId: options.requestId, entity: { type: 'staff', id: staffId } },
    );
  }
}

function auditFailure(tx: Tx, staffId: string | null, emailHash: string, reason: FailureReason, failedAttempts: number, options: Options) {
  return writeAudit(
    tx,
    { event: 'staff.sign_in_failed', payload: { staffId, emailHash, reason, failedAttempts } },
    { actor: { type: 'public' }, requestId: options.requestId, entity: staffId ? { type: 'staff', id: staffId } : undefined },
  );
}
