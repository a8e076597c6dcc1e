import 'server-only';
import type { AuditContext } from '@/lib/audit/write-audit';
import { roleAtLeast, type StaffPrincipal, type StaffRole } from '@/lib/auth/roles';
import { getPrisma, type Prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { CaseResolution, CaseStatus } from '@/lib/generated/prisma/enums';
import type { DecisionMessage } from '@/lib/platform/outbox';
import { checkTransition, nextState, type CaseEvent } from './state-machine';

/** How long a claim lasts without renewal. The console renews it while the case is open on screen. */
export const LEASE_MINUTES = 15;
export const LEASE_MS = LEASE_MINUTES * 60_000;

export const CONFLICT_MESSAGE = 'This case changed since you opened it. Reload to see the latest.';

/** The case row as the write side needs it, read under a row lock. */
export type LockedCase = {
  id: string;
  caseNumber: bigint;
  accountId: string;
  status: CaseStatus;
  resolution: CaseResolution | null;
  version: number;
  assigneeId: string | null;
  leaseExpiresAt: Date | null;
  firstActionAt: Date | null;
  closedAt: Date | null;
};

/** Reads the case and locks its row until the transaction ends; not_found when there is none. */
export async function lockCase(tx: Tx, caseId: string): Promise<LockedCase> {
  const rows = await tx.$queryRaw<LockedCase[]>`
    SELECT id::text AS "id", case_number AS "caseNumber", account_id::text AS "accountId", status::text AS "status",
           resolution::text AS "resolution", version, assignee_id::text AS "assigneeId",
           lease_expires_at AS "leaseExpiresAt", first_action_at AS "firstActionAt", closed_at AS "closedAt"
    FROM cases WHERE id = ${caseId}::uuid
    FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'There is no such case.');
  return row;
}

export function assertVersion(kase: LockedCase, expectedVersion: number): void {
  if (kase.version !== expectedVersion) throw new AppError('conflict', CONFLICT_MESSAGE);
}

/**
 * Applies the state machine with the actor's role and whether they hold the claim. A wrong status
 * is a conflict (someone else changed the case); a missing role or claim is forbidden.
 */
export function assertTransition(kase: LockedCase, event: CaseEvent, actor: StaffPrincipal | 'system'): CaseStatus {
  const byStatus = nextState(kase.status, event);
  if (!byStatus.ok) throw new AppError('conflict', byStatus.reason);
  const next = checkTransition(
    kase.status,
    event,
    actor === 'system' ? { role: 'system', isHolder: false } : { role: actor.role, isHolder: kase.assigneeId === actor.id },
  );
  if (!next.ok) throw new AppError(actor === 'system' ? 'conflict' : 'forbidden', next.reason);
  return next.status;
}

/**
 * Runs one case change in one transaction: locks the case, checks the expected version and the
 * state machine, then hands over to `apply`, which writes the action, the case, the audit entry and
 * any outbox row with the same `tx`. Either all of it commits or none of it does.
 */
export async function withCaseChange<T>(
  args: { caseId: string; actor: StaffPrincipal; expectedVersion: number; event: CaseEvent },
  apply: (ctx: { tx: Tx; kase: LockedCase; to: CaseStatus; now: Date }) => Promise<T>,
): Promise<T> {
  return getPrisma().$transaction(async (tx) => {
    const kase = await lockCase(tx, args.caseId);
    assertVersion(kase, args.expectedVersion);
    const to = assertTransition(kase, args.event, args.actor);
    return apply({ tx, kase, to, now: new Date() });
  });
}

export function staffAudit(actor: StaffPrincipal, caseId: string): AuditContext {
  return { actor: { type: 'staff', id: actor.id }, entity: { type: 'case', id: caseId } };
}

/** The platform's message about a decision on this case (lib/platform/outbox.ts). */
export async function decisionMessage(
  tx: Tx,
  kase: LockedCase,
  type: string,
  reasonCode: string | null,
  details: Record<string, unknown>,
  now: Date,
): Promise<DecisionMessage> {
  const account = await tx.reportedAccount.findUniqueOrThrow({
    where: { id: kase.accountId },
    select: { platform: true, handle: true, platformAccountId: true },
  });
  return {
    version: 1,
    type,
    caseId: kase.id,
    caseNumber: String(kase.caseNumber),
    account,
    decidedAt: now.toISOString(),
    reasonCode,
    details,
  };
}

/** Throws forbidden unless the actor's role is at least `role`; checked before any database work. */
export function requireActorRole(actor: StaffPrincipal, role: StaffRole): void {
  if (!roleAtLeast(actor.role, role)) throw new AppError('forbidden', `This needs the ${role} role.`);
}

/** The case update that moves it to `to` (still open) for someone else, giving up the claim. */
export function handOffCase(kase: LockedCase, to: CaseStatus, now: Date) {
  return {
    status: to,
    assigneeId: null,
    leaseExpiresAt: null,
    firstActionAt: kase.firstActionAt ?? now,
    version: { increment: 1 },
  } satisfies Prisma.CaseUncheckedUpdateInput;
}

/** The case update that closes it with a resolution and gives up the claim. */
export function closeCase(kase: LockedCase, resolution: CaseResolution, now: Date) {
  return { ...handOffCase(kase, 'closed', now), resolution, closedAt: now } satisfies Prisma.CaseUncheckedUpdateInput;
}
