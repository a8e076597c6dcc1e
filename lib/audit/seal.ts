import 'server-only';
import { getConfig } from '@/lib/config';
import type { Tx } from '@/lib/db';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { auditKeysFrom } from './audit-keys';
import { GENESIS_HASH, sealHash, type ChainEntry } from './chain';
import { entryMacIsValid } from './entry-mac';
import { ENTRY_COLUMNS, readKeying } from './keying';
import { writeAudit } from './write-audit';

/**
 * Links committed audit entries into the keyed hash chain, in id order, a batch at a time.
 *
 * Writers never touch the chain, so intake is not serialised behind one lock. An entry whose
 * transaction commits after a higher id was sealed is simply sealed in a later batch: the chain
 * order is the seal order (seq), and each seal names its entry. Only entries within `lookback` ids
 * of the last sealed one are searched on the fast path; a full search runs when asked (the worker
 * does one every few minutes, and verification flags anything left unsealed for over a minute).
 *
 * Every entry's MAC is checked first (lib/audit/entry-mac.ts). An entry whose MAC fails was not
 * written by the application (inserted or rebuilt inside the database): it is never sealed, and the
 * sealer raises an alert once, in the log and as an audit.entry_rejected entry. The rest of the
 * batch is sealed as usual, so one forged row cannot stop the chain.
 */
export type SealOptions = { batchSize?: number; lookback?: number; fullScan?: boolean };

const SEALER_LOCK_KEY = 7_356_001; // pg advisory lock: one sealer at a time across all workers

export async function sealAuditLog(prisma: PrismaClient, options: SealOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 2000;
  const lookback = BigInt(options.lookback ?? 50_000);
  const keys = auditKeysFrom(getConfig());
  let total = 0;
  for (;;) {
    const sealed = await prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) AS locked`;
      if (!lock?.locked) return -1;

      const keying = await readKeying(tx);
      const [last] = await tx.$queryRaw<{ seq: bigint; hash: string; entry_id: bigint }[]>`
        SELECT seq, hash, entry_id FROM audit_seals ORDER BY seq DESC LIMIT 1`;
      const fromId = options.fullScan || !last ? 0n : last.entry_id > lookback ? last.entry_id - lookback : 0n;
      const rejected = await rejectedEntryIds(tx, keys.entry);

      const entries = await tx.$queryRawUnsafe<ChainEntry[]>(
        `SELECT ${ENTRY_COLUMNS}
         FROM audit_entries e
         WHERE e.id > $1 AND e.id <> ALL($2::bigint[]) AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)
         ORDER BY e.id
         LIMIT $3`,
        fromId,
        [...rejected],
        batchSize,
      );
      if (entries.length === 0) return 0;

      const firstWithMac = await copiedMacs(tx, entries);
      const genuine: ChainEntry[] = [];
      for (const entry of entries) {
        const original = entry.mac ? firstWithMac.get(entry.mac) : undefined;
        if (original !== undefined && original !== entry.id) await raiseRejection(tx, entry, `it copies the MAC of entry ${original}`);
        else if (entry.id < keying.keyedFromEntryId || entryMacIsValid(keys.entry, entry.mac, entry)) genuine.push(entry);
        else await raiseRejection(tx, entry, entry.mac ? 'its MAC does not match its contents' : 'it has no MAC');
      }

      let seq = last?.seq ?? 0n;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const seals = genuine.map((entry) => {
        seq += 1n;
        const hash = sealHash({ seal: keys.seal, keyedFromSeq: keying.keyedFromSeq }, prevHash, seq, entry);
        const seal = { seq, entryId: entry.id, prevHash, hash };
        prevHash = hash;
        return seal;
      });
      // One INSERT of parallel arrays: the sealer keeps up with bulk intake without the query
      // builder's per-row cost (it runs every second in the worker).
      if (seals.length > 0) {
        await tx.$executeRaw`
          INSERT INTO audit_seals (seq, entry_id, prev_hash, hash)
          SELECT * FROM unnest(${seals.map((s) => s.seq)}::bigint[], ${seals.map((s) => s.entryId)}::bigint[],
                               ${seals.map((s) => s.prevHash)}::text[], ${seals.map((s) => s.hash)}::text[])`;
      }
      return entries.length;
    });
    if (sealed < 0) return total; // another sealer is at work
    total += sealed;
    if (sealed < batchSize) return total;
  }
}

/** Entries already refused, from the sealer's own alerts (a forged "alert" has no valid MAC and counts for nothing). */
async function rejectedEntryIds(tx: Tx, entryKey: Buffer): Promise<Set<bigint>> {
  const alerts = await tx.$queryRawUnsafe<ChainEntry[]>(
    `SELECT ${ENTRY_COLUMNS} FROM audit_entries e WHERE e.event = 'audit.entry_rejected' AND e.entity_type = 'audit_entry'`,
  );
  return new Set(alerts.filter((a) => entryMacIsValid(entryKey, a.mac, a) && a.entityId).map((a) => BigInt(a.entityId!)));
}

/** MACs in the batch that more than one entry carries (a replayed row, its unique index dropped), with the first entry's id. */
async function copiedMacs(tx: Tx, entries: ChainEntry[]): Promise<Map<string, bigint>> {
  const macs = entries.map((e) => e.mac).filter((m): m is string => m !== null);
  if (macs.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ mac: string; first: bigint }[]>`
    SELECT mac, min(id) AS first FROM audit_entries WHERE mac = ANY(${macs}::text[]) GROUP BY mac HAVING count(*) > 1`;
  return new Map(rows.map((r) => [r.mac, r.first]));
}

async function raiseRejection(tx: Tx, entry: ChainEntry, reason: string): Promise<void> {
  console.error(
    `[audit] ALERT: audit entry ${entry.id} (${entry.event}, dated ${entry.occurredAt.toISOString()}) was not written by the application: ${reason}. It will not be sealed.`,
  );
  await writeAudit(
    tx,
    { event: 'audit.entry_rejected', payload: { entryId: entry.id.toString(), event: entry.event, occurredAt: entry.occurredAt.toISOString(), reason } },
    { actor: { type: 'system', id: 'sealer' }, entity: { type: 'audit_entry', id: entry.id.toString() } },
  );
}
