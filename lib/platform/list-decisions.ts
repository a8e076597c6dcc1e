import 'server-only';
import { getPrisma } from '@/lib/db';
import { encodeDecisionCursor } from './decision-cursor';
import type { DecisionMessage } from './outbox';

export type PolledDecision = DecisionMessage & { id: string; idempotencyKey: string };
export type DecisionsPage = { decisions: PolledDecision[]; nextCursor: string | null };

/**
 * A page of decisions after a cursor, in id order, whatever their webhook status (polling works
 * with or without a webhook). Safe against late commits: outbox rows commit in id order
 * (lib/platform/outbox.ts), so nothing can appear later below a cursor already handed out.
 * `nextCursor` is where to continue: the last id returned, or the same cursor when nothing is new.
 */
export async function listDecisions(input: { after: bigint | null; limit: number; afterCursor?: string | null }): Promise<DecisionsPage> {
  const rows = await getPrisma().outboxEvent.findMany({
    where: input.after === null ? {} : { id: { gt: input.after } },
    orderBy: { id: 'asc' },
    take: input.limit,
    select: { id: true, idempotencyKey: true, payload: true },
  });
  const last = rows.at(-1);
  return {
    decisions: rows.map((r) => ({ ...(r.payload as DecisionMessage), id: r.id.toString(), idempotencyKey: r.idempotencyKey })),
    nextCursor: last ? encodeDecisionCursor(last.id) : (input.afterCursor ?? null),
  };
}
