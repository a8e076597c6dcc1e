import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { chainHash, GENESIS_HASH, type ChainEntry } from './chain';

export type ChainVerification =
  | {
      status: 'intact';
      sealedCount: bigint;
      lastSeq: bigint;
      lastHash: string;
      /** Entries older than the grace period that the sealer has not linked yet. */
      unsealedOverdue: bigint[];
    }
  | {
      status: 'broken';
      /** The first chain position that does not match, and the audit entry behind it. */
      seq: bigint;
      entryId: bigint | null;
      reason: string;
      checkedCount: bigint;
    };

type SealedRow = ChainEntry & { seq: bigint; prevHash: string; hash: string };

const PAGE = 5000;

/** Walks the whole chain in seq order, recomputing every hash; names the first entry that differs. */
export async function verifyAuditChain(
  prisma: PrismaClient,
  options: { unsealedGraceSeconds?: number } = {},
): Promise<ChainVerification> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0n;

  for (;;) {
    const rows = await prisma.$queryRaw<SealedRow[]>`
      SELECT s.seq, s.prev_hash AS "prevHash", s.hash,
             e.id, e.occurred_at AS "occurredAt", e.actor_type::text AS "actorType", e.actor_id AS "actorId",
             e.event, e.case_id::text AS "caseId", e.entity_type AS "entityType", e.entity_id AS "entityId",
             e.payload, e.request_id AS "requestId"
      FROM audit_seals s JOIN audit_entries e ON e.id = s.entry_id
      WHERE s.seq >= ${expectedSeq}
      ORDER BY s.seq
      LIMIT ${PAGE}`;
    for (const row of rows) {
      const broken = (reason: string) =>
        ({ status: 'broken', seq: expectedSeq, entryId: row.seq === expectedSeq ? row.id : null, reason, checkedCount: checked }) as const;
      if (row.seq !== expectedSeq) return broken(`chain position ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken('the link to the previous entry does not match');
      if (chainHash(prevHash, row.seq, row) !== row.hash) return broken('the entry does not match its sealed hash');
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1n;
    }
    if (rows.length < PAGE) break;
  }

  const [count] = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM audit_seals`;
  if (count && count.n !== checked) {
    return { status: 'broken', seq: expectedSeq, entryId: null, reason: 'seals exist beyond a gap in the chain', checkedCount: checked };
  }

  const grace = options.unsealedGraceSeconds ?? 60;
  const overdue = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT e.id FROM audit_entries e
    WHERE e.occurred_at < now() - make_interval(secs => ${grace})
      AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)
    ORDER BY e.id LIMIT 100`;

  return { status: 'intact', sealedCount: checked, lastSeq: expectedSeq - 1n, lastHash: prevHash, unsealedOverdue: overdue.map((r) => r.id) };
}
