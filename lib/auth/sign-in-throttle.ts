import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma, type Tx } from '@/lib/db';
import { isLocked, type LockoutState } from './lockout';
import type { FailureReason } from './sign-in';
import { ACCOUNT_FREE_FAILURES, afterFailure, isThrottled, opensAuditWindow, SOURCE_FORGET_MS, SOURCE_FREE_FAILURES } from './throttle-rules';

/**
 * The database half of sign-in throttling (docs/decisions/0012-sign-in-throttling.md). Counters
 * live in Postgres, so every web process and node sees the same ones and they survive restarts;
 * each change is made under a row lock in the sign-in's transaction, with its audit entry.
 */

type Audit = { emailHash: string; sourceHash: string; requestId: string | null; now: Date };

/** Whether this source address is inside its throttle delay. */
export async function sourceThrottle(sourceHash: string, now: Date): Promise<boolean> {
  const row = await getPrisma().signInThrottle.findUnique({ where: { sourceHash }, select: { lockedUntil: true } });
  return row !== null && isThrottled(row, now);
}

export async function isKnownSource(staffId: string, sourceHash: string): Promise<boolean> {
  const row = await getPrisma().staffKnownSource.findUnique({ where: { staffId_sourceHash: { staffId, sourceHash } }, select: { staffId: true } });
  return row !== null;
}

/** After a successful sign-in: this source is its owner's, and the account lock no longer applies here. */
export async function rememberSource(tx: Tx, staffId: string, sourceHash: string, now: Date): Promise<void> {
  await tx.staffKnownSource.upsert({
    where: { staffId_sourceHash: { staffId, sourceHash } },
    create: { staffId, sourceHash, lastSuccessAt: now },
    update: { lastSuccessAt: now },
  });
}

/**
 * One failure from a source. `count` false for attempts refused by the source's own delay (they
 * do not lengthen it). Failures against a real account are audited by recordAccountFailure; the
 * rest (unknown e-mail, throttled) get one entry per source per window, carrying how many went
 * unrecorded before it.
 */
export async function recordSourceFailure(
  tx: Tx,
  f: Audit & { staffId: string | null; reason: FailureReason; count: boolean; auditedByAccount?: boolean },
): Promise<void> {
  await tx.$executeRaw`INSERT INTO sign_in_throttles (source_hash) VALUES (${f.sourceHash}) ON CONFLICT (source_hash) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ failures: number; last_failure_at: Date | null; locked_until: Date | null; audit_window_start: Date | null; unaudited: number }[]>`
    SELECT failures, last_failure_at, locked_until, audit_window_start, unaudited FROM sign_in_throttles WHERE source_hash = ${f.sourceHash} FOR UPDATE`;
  if (!row) throw new Error('sign_in_throttles row vanished');
  const counted = f.count
    ? afterFailure({ failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at }, f.now, SOURCE_FREE_FAILURES, SOURCE_FORGET_MS)
    : { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at };
  let window = { auditWindowStart: row.audit_window_start, unaudited: row.unaudited };
  if (!f.auditedByAccount) {
    if (opensAuditWindow(row.audit_window_start, f.now)) {
      await writeAudit(
        tx,
        {
          event: 'staff.sign_in_failed',
          payload: { staffId: null, emailHash: f.emailHash, reason: f.reason, failedAttempts: counted.failures, sourceHash: f.sourceHash, unrecordedBefore: row.unaudited },
        },
        { actor: { type: 'public' }, requestId: f.requestId },
      );
      window = { auditWindowStart: f.now, unaudited: 0 };
    } else {
      window = { ...window, unaudited: row.unaudited + 1 };
    }
  }
  await tx.signInThrottle.update({
    where: { sourceHash: f.sourceHash },
    data: { failures: counted.failures, lockedUntil: counted.lockedUntil, lastFailureAt: counted.lastFailureAt ?? null, ...window },
  });
}

/**
 * One failure against a real account, audited. Attempts refused by the lock or a disabled account
 * are recorded but not counted: the delay runs from the failure that set it, and each further
 * doubling costs a guesser the whole previous delay.
 */
export async function recordAccountFailure(tx: Tx, f: Audit & { staffId: string; reason: FailureReason; current: LockoutState }): Promise<void> {
  const audit = (failedAttempts: number) =>
    writeAudit(
      tx,
      { event: 'staff.sign_in_failed', payload: { staffId: f.staffId, emailHash: f.emailHash, reason: f.reason, failedAttempts } },
      { actor: { type: 'public' }, requestId: f.requestId, entity: { type: 'staff', id: f.staffId } },
    );
  if (f.reason === 'locked' || f.reason === 'disabled') {
    await audit(f.current.failedAttempts);
    return;
  }

  const wasLocked = isLocked(f.current, f.now);
  const next = afterFailure({ failures: f.current.failedAttempts, lockedUntil: f.current.lockedUntil }, f.now, ACCOUNT_FREE_FAILURES);
  // A failure from the owner's own address while locked (the lock does not apply there) keeps the
  // later of the two ends, never shortening a lock.
  const lockedUntil = wasLocked && f.current.lockedUntil && (!next.lockedUntil || next.lockedUntil < f.current.lockedUntil) ? f.current.lockedUntil : next.lockedUntil;
  await tx.staff.update({ where: { id: f.staffId }, data: { failedAttempts: next.failures, lockedUntil } });
  await audit(next.failures);
  if (next.lockedUntil && !wasLocked) {
    await writeAudit(
      tx,
      { event: 'staff.locked_out', payload: { staffId: f.staffId, lockedUntil: next.lockedUntil.toISOString(), afterAttempts: next.failures } },
      { actor: { type: 'system', id: 'sign-in' }, requestId: f.requestId, entity: { type: 'staff', id: f.staffId } },
    );
  }
}
