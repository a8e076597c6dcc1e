import 'server-only';
import type { Prisma, Tx } from '@/lib/db';

/** What the platform is told about a decision. Versioned so receivers can evolve. */
export type DecisionMessage = {
  version: 1;
  /** e.g. 'account.suspended', 'account.preservation_hold' (and _extended, _ended), 'case.dismissed', 'account.reinstated'. */
  type: string;
  caseId: string;
  caseNumber: string;
  account: { platform: string; handle: string | null; platformAccountId: string | null };
  decidedAt: string;
  reasonCode: string | null;
  /** Type-specific details (suspension end, hold expiry, ...). Never reporter data. */
  details: Record<string, unknown>;
};

/** pg advisory lock: outbox ids become visible in id order (see enqueueDecision). */
const OUTBOX_ORDER_LOCK_KEY = 7_356_002;

/**
 * Records a decision the platform must learn, inside the decision's own transaction, so that a
 * decision and its notification exist together or not at all. The worker delivers it
 * (lib/platform/deliver-outbox-event.ts) and platforms may poll GET /api/v1/decisions.
 *
 * Takes a transaction-scoped lock before the id is drawn, so outbox rows commit in id order: a
 * poller reading `id > cursor` can then never skip a lower id that commits later, and the webhook
 * worker never sees event N+1 of a case before N. Decisions are human-paced, so serialising their
 * last step costs nothing measurable. Call it as the LAST write of the transaction, so the lock is
 * held only until commit and never while waiting for other row locks.
 */
export async function enqueueDecision(tx: Tx, message: DecisionMessage): Promise<bigint> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1)', OUTBOX_ORDER_LOCK_KEY);
  const row = await tx.outboxEvent.create({
    data: { caseId: message.caseId, type: message.type, payload: message as unknown as Prisma.InputJsonObject },
    select: { id: true },
  });
  return row.id;
}
