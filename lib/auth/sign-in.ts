import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getConfig } from '@/lib/config';
import { getPrisma, type Tx } from '@/lib/db';
import { keyedHash, sourceHashOf } from '@/lib/security/client-source';
import { normaliseEmail } from '@/lib/staff/email';
import { hashPassword, verifyPassword } from '@/lib/staff/password';
import { afterSuccessfulAttempt, isLocked, type LockoutState } from './lockout';
import { openSecret } from './secret-box';
import { sessionExpiry } from './session-rules';
import { isKnownSource, recordAccountFailure, recordSourceFailure, rememberSource, sourceThrottle } from './sign-in-throttle';
import { verifyTotpCode } from './totp';

export const TOTP_SECRET_PURPOSE = 'totp-secret';

export type SignInInput = { email: string; password: string; code?: string | null };
export type SignInResult =
  | { status: 'signed_in'; staffId: string; sessionId: string }
  /** Password right, account has a second factor, no code given: ask for it. Nothing counted. */
  | { status: 'code_required' }
  /** Anything else. Deliberately one outcome: the caller cannot tell an unknown e-mail from a locked account. */
  | { status: 'refused' };

export type FailureReason = 'unknown_email' | 'wrong_password' | 'wrong_code' | 'code_reused' | 'locked' | 'disabled' | 'throttled';
/** `sourceIp`: the client address (lib/security/client-source.ts); only its keyed hash is stored. */
type Options = { now?: Date; requestId?: string | null; sourceIp?: string };

let timingHash: Promise<string> | undefined;
/** Unknown e-mails still pay for one argon2 verification, so timing does not reveal which exist. */
function dummyHash(): Promise<string> {
  timingHash ??= hashPassword('timing-equaliser-not-a-password');
  return timingHash;
}

/**
 * Checks a sign-in attempt and records it (docs/decisions/0012-sign-in-throttling.md): a source
 * address in its throttle delay is refused before any password is checked; an account in its lock
 * delay is refused, except from a source address its owner has signed in from before; on success
 * a staff_sessions row and staff.signed_in; on failure the counters and the audit entry, in one
 * transaction. The caller turns 'refused' into one generic message.
 */
export async function signInWithPassword(input: SignInInput, options: Options = {}): Promise<SignInResult> {
  const now = options.now ?? new Date();
  const secret = getConfig().TC_SECRET_KEY;
  const email = normaliseEmail(input.email);
  const emailHash = keyedHash(secret, 'sign-in-email', email);
  const sourceHash = sourceHashOf(secret, options.sourceIp ?? 'unknown');
  const audit = { emailHash, sourceHash, requestId: options.requestId ?? null, now };
  const prisma = getPrisma();

  if (await sourceThrottle(sourceHash, now)) {
    // Refused before any password is checked: no argon2 work for a flood, one audit entry per window.
    await prisma.$transaction((tx) => recordSourceFailure(tx, { ...audit, staffId: null, reason: 'throttled', count: false }));
    return { status: 'refused' };
  }

  const staff = await prisma.staff.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true, failedAttempts: true, lockedUntil: true, disabledAt: true },
  });

  if (!staff) {
    await verifyPassword(await dummyHash(), input.password);
    await prisma.$transaction((tx) => recordSourceFailure(tx, { ...audit, staffId: null, reason: 'unknown_email', count: true }));
    return { status: 'refused' };
  }

  // The account's lock does not apply where its owner has signed in before: a lock run up from
  // elsewhere cannot keep them out (they still need the password, and the code if enrolled).
  const knownSource = await isKnownSource(staff.id, sourceHash);
  const lockApplies = (state: LockoutState) => isLocked(state, now) && !knownSource;
  const passwordOk = await verifyPassword(staff.passwordHash, input.password);
  let failure: FailureReason | null = lockApplies(staff) ? 'locked' : staff.disabledAt ? 'disabled' : passwordOk ? null : 'wrong_password';
  const secondFactor = staff.totpEnabledAt !== null;
  let codeStep: number | null = null;
  if (!failure && secondFactor) {
    const code = input.code?.trim();
    if (!code) return { status: 'code_required' };
    const totpSecret = staff.totpSecret ? openSecret(secret, TOTP_SECRET_PURPOSE, staff.totpSecret) : null;
    codeStep = totpSecret ? await verifyTotpCode(totpSecret, code, now) : null;
    if (codeStep === null) failure = 'wrong_code';
    else if (staff.totpLastStep !== null && codeStep <= staff.totpLastStep) failure = 'code_reused';
  }

  return prisma.$transaction(async (tx) => {
    // Re-read under a row lock: concurrent attempts must not lose counts or slip past a fresh lock.
    const current = await lockStaffRow(tx, staff.id);
    if (!failure && (lockApplies(current) || current.disabledAt)) failure = current.disabledAt ? 'disabled' : 'locked';
    // Checked again under the lock: two simultaneous sign-ins with one code, only one gets in.
    if (!failure && codeStep !== null && current.totpLastStep !== null && codeStep <= current.totpLastStep) failure = 'code_reused';
    if (failure) {
      await recordAccountFailure(tx, { ...audit, staffId: staff.id, reason: failure, current });
      await recordSourceFailure(tx, { ...audit, staffId: staff.id, reason: failure, count: true, auditedByAccount: true });
      return { status: 'refused' } as const;
    }
    await tx.staff.update({
      where: { id: staff.id },
      data: { ...afterSuccessfulAttempt(), lastSignInAt: now, ...(codeStep === null ? {} : { totpLastStep: codeStep }) },
    });
    await rememberSource(tx, staff.id, sourceHash, now);
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
