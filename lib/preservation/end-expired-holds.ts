import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { decisionMessage, type LockedCase } from '@/lib/cases/case-transaction';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { EnforcementState } from '@/lib/generated/prisma/enums';
import { enqueueDecision } from '@/lib/platform/outbox';
import { endHold, holdEndedDetails } from './end-hold';
import type { LockedHold } from './lock-hold';

/**
 * Holds whose expiry has passed end (the worker runs this every minute): each is recorded as ended
 * ('expired'), the account's enforcement follows (lib/preservation/end-hold.ts), a pending early
 * release of it is withdrawn (nothing is left to release), the hold's case gets a system action,
 * one audit entry lists the batch, and the platform gets `account.preservation_hold_ended` per hold.
 * Holds another transaction has locked (being extended or decided right now) wait for the next run,
 * as does a hold whose pending release request is being decided, so this never deadlocks with them.
 */
export async function endExpiredHolds(prisma: PrismaClient, now = new Date(), batchSize = 200): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<LockedHold[]>`
      SELECT id::text AS "id", case_id::text AS "caseId", account_id::text AS "accountId", basis::text AS "basis",
             reason_code AS "reasonCode", starts_at AS "startsAt", expires_at AS "expiresAt", extensions,
             released_at AS "releasedAt", end_reason::text AS "endReason"
      FROM preservation_holds
      WHERE released_at IS NULL AND expires_at <= ${now}
      ORDER BY expires_at, id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return 0;
    const holdIds = due.map((h) => h.id);
    const pending = await tx.$queryRaw<{ id: string; holdId: string }[]>`
      SELECT id::text AS "id", payload->>'holdId' AS "holdId" FROM approvals
      WHERE kind = 'hold_release' AND status = 'pending' AND payload->>'holdId' = ANY (${holdIds}::text[])`;
    const lockable = new Set(
      (
        await tx.$queryRaw<{ id: string }[]>`
          SELECT id::text AS "id" FROM approvals WHERE id = ANY (${pending.map((p) => p.id)}::uuid[]) AND status = 'pending' FOR UPDATE SKIP LOCKED`
      ).map((r) => r.id),
    );
    const busy = new Set(pending.filter((p) => !lockable.has(p.id)).map((p) => p.holdId));
    // Accounts are locked in one order by every run, so two workers never deadlock on them.
    const ending = due.filter((h) => !busy.has(h.id)).sort((a, b) => a.accountId.localeCompare(b.accountId) || a.id.localeCompare(b.id));
    if (ending.length === 0) return 0;

    if (lockable.size > 0) await tx.approval.updateMany({ where: { id: { in: [...lockable] } }, data: { status: 'withdrawn' } });
    const ended: { hold: LockedHold; enforcement: EnforcementState }[] = [];
    for (const hold of ending) ended.push({ hold, enforcement: await endHold(tx, { hold, endReason: 'expired', now }) });
    await tx.caseAction.createMany({
      data: ending.map((hold) => ({
        caseId: hold.caseId,
        actorId: null,
        type: 'preservation_hold' as const,
        details: { stage: 'expired', holdId: hold.id, expiresAt: hold.expiresAt.toISOString() },
      })),
    });
    await writeAudit(
      tx,
      {
        event: 'preservation.holds_expired',
        payload: {
          holds: ended.map(({ hold, enforcement }) => ({
            holdId: hold.id,
            accountId: hold.accountId,
            basis: hold.basis,
            caseId: hold.caseId,
            expiresAt: hold.expiresAt.toISOString(),
            enforcement,
            withdrawnApprovalId: pending.find((p) => p.holdId === hold.id && lockable.has(p.id))?.id ?? null,
          })),
        },
      },
      { actor: { type: 'system', id: 'worker' } },
    );
    // The platform's messages last (enqueueDecision's ordering lock is held until commit).
    const cases = await tx.case.findMany({
      where: { id: { in: [...new Set(ending.map((h) => h.caseId))] } },
      select: { id: true, caseNumber: true, accountId: true },
    });
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const hold of ending) {
      const kase = byId.get(hold.caseId)! as Pick<LockedCase, 'id' | 'caseNumber' | 'accountId'> as LockedCase;
      await enqueueDecision(tx, await decisionMessage(tx, kase, 'account.preservation_hold_ended', hold.reasonCode, holdEndedDetails(hold, 'expired', now), now));
    }
    return ending.length;
  });
}
