import 'server-only';
import { getPrisma } from '@/lib/db';

export type OutboxRow = {
  id: string;
  type: string;
  caseNumber: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** deliveredAt for deliveries, next attempt time otherwise. */
  at: string | null;
};

export type OutboxOverview = {
  counts: { pending: number; delivered: number; dead: number };
  deadLetters: (OutboxRow & { heldBack: number })[];
  recentDeliveries: OutboxRow[];
};

type Raw = { id: bigint; type: string; payload: unknown; attempts: number; lastError: string | null; createdAt: Date };

function toRow(r: Raw, at: Date | null): OutboxRow {
  const caseNumber = (r.payload as { caseNumber?: unknown } | null)?.caseNumber;
  return {
    id: r.id.toString(),
    type: r.type,
    caseNumber: typeof caseNumber === 'string' ? caseNumber : null,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    at: at?.toISOString() ?? null,
  };
}

/** The admin page's view of webhook delivery: counts, dead letters (with how many later events of the same case wait behind each), recent deliveries. */
export async function listOutboxOverview(limit = 50): Promise<OutboxOverview> {
  const prisma = getPrisma();
  const select = { id: true, type: true, payload: true, attempts: true, lastError: true, createdAt: true, caseId: true } as const;
  const [grouped, dead, delivered] = await Promise.all([
    prisma.outboxEvent.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.outboxEvent.findMany({ where: { status: 'dead' }, orderBy: { id: 'asc' }, take: limit, select: { ...select, nextAttemptAt: true } }),
    prisma.outboxEvent.findMany({ where: { status: 'delivered' }, orderBy: { id: 'desc' }, take: limit, select: { ...select, deliveredAt: true } }),
  ]);
  const held = await Promise.all(
    dead.map((d) => prisma.outboxEvent.count({ where: { caseId: d.caseId, id: { gt: d.id }, status: 'pending' } })),
  );
  const counts = { pending: 0, delivered: 0, dead: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  return {
    counts,
    deadLetters: dead.map((d, i) => ({ ...toRow(d, null), heldBack: held[i] ?? 0 })),
    recentDeliveries: delivered.map((d) => toRow(d, d.deliveredAt)),
  };
}
