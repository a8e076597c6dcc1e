import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { chainHash, GENESIS_HASH, type ChainEntry } from './chain';

/**
 * Links committed audit entries into the hash chain, in id order, a batch at a time.
 *
 * Writers never touch the chain, so intake is not serialised behind one lock. An entry whose
 * transaction commits after a higher id was sealed is simply sealed in a later batch: the chain
 * order is the seal order (seq), and each seal names its entry. Only entries within `lookback` ids
 * of the last sealed one are searched on the fast path; a full search runs when asked (the worker
 * does one every few minutes, and verification flags anything left unsealed for over a minute).
 */
export type SealOptions = { batchSize?: number; lookback?: number; fullScan?: boolean };

const SEALER_LOCK_KEY = 7_356_001; // pg advisory lock: one sealer at a time across all workers

type EntryRow = ChainEntry;

export async function sealAuditLog(prisma: PrismaClient, options: SealOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 2000;
  const lookback = BigInt(options.lookback ?? 50_000);
  let total = 0;
  for (;;) {
    const sealed = await prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) AS locked`;
      if (!lock?.locked) return -1;

      const [last] = await tx.$queryRaw<{ seq: bigint; hash: string; entry_id: bigint }[]>`
        SELECT seq, hash, entry_id FROM audit_seals ORDER BY seq DESC LIMIT 1`;
      const fromId = options.fullScan || !last ? 0n : last.entry_id > lookback ? last.entry_id - lookback : 0n;

      const entries = await tx.$queryRaw<EntryRow[]>`
        SELECT e.id, e.occurred_at AS "occurredAt", e.actor_type::text AS "actorType", e.actor_id AS "actorId",
               e.event, e.case_id::text AS "caseId", e.entity_type AS "entityType", e.entity_id AS "entityId",
               e.payload, e.request_id AS "requestId"
        FROM audit_entries e
        WHERE e.id > ${fromId} AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)
        ORDER BY e.id
        LIMIT ${batchSize}`;
      if (entries.length === 0) return 0;

      let seq = last?.seq ?? 0n;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const seals = entries.map((entry) => {
        seq += 1n;
        const hash = chainHash(prevHash, seq, entry);
        const seal = { seq, entryId: entry.id, prevHash, hash };
        prevHash = hash;
        return seal;
      });
      // One INSERT of parallel arrays: the sealer keeps up with bulk intake without the query
      // builder's per-row cost (it runs every second in the worker).
      await tx.$executeRaw`
        INSERT INTO audit_seals (seq, entry_id, prev_hash, hash)
        SELECT * FROM unnest(${seals.map((s) => s.seq)}::bigint[], ${seals.map((s) => s.entryId)}::bigint[],
                             ${seals.map((s) => s.prevHash)}::text[], ${seals.map((s) => s.hash)}::text[])`;
      return seals.length;
    });
    if (sealed < 0) return total; // another sealer is at work
    total += sealed;
    if (sealed < batchSize) return total;
  }
}
