import 'server-only';
import type { Prisma, Tx } from '@/lib/db';

/** What the platform is told about a decision. Versioned so receivers can evolve. */
export type DecisionMessage = {
  version: 1;
  /** e.g. 'account.suspended', 'account.preservation_hold', 'case.dismissed', 'account.reinstated'. */
  type: string;
  caseId: string;
  caseNumber: string;
  account: { platform: string; handle: string | null; platformAccountId: string | null };
  decidedAt: string;
  reasonCode: string | null;
  /** Type-specific details (suspension end, hold expiry, ...). Never reporter data. */
  details: Record<string, unknown>;
};

/**
 * Records a decision the platform must learn, inside the decision's own transaction, so that a
 * decision and its notification exist together or not at all. The worker delivers it
 * (lib/platform/deliver-outbox.ts) and platforms may poll GET /api/v1/decisions.
 */
export async function enqueueDecision(tx: Tx, message: DecisionMessage): Promise<bigint> {
  const row = await tx.outboxEvent.create({
    data: { caseId: message.caseId, type: message.type, payload: message as unknown as Prisma.InputJsonObject },
    select: { id: true },
  });
  return row.id;
}
