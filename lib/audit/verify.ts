import 'server-only';
import { getConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { auditKeysFrom } from './audit-keys';
import { GENESIS_HASH, sealHash, type ChainEntry } from './chain';
import { entryMacIsValid } from './entry-mac';
import { ENTRY_COLUMNS, readKeying, type Keying } from './keying';

/** An entry in the log that the application did not write (its MAC fails); never sealed. */
export type ForgedEntry = { id: bigint; event: string; occurredAt: Date };

export type ChainVerification =
  | {
      status: 'intact';
      sealedCount: bigint;
      lastSeq: bigint;
      lastHash: string;
      /** Entries older than the grace period that the sealer has not linked yet. */
      unsealedOverdue: bigint[];
      /** Unsealed entries whose MAC fails: inserted inside the database. */
      forged: ForgedEntry[];
      keying: Keying;
    }
  | {
      status: 'broken';
      /** The first chain position that does not match, and the audit entry behind it. */
      seq: bigint;
      entryId: bigint | null;
      reason: string;
      checkedCount: bigint;
      forged: ForgedEntry[];
      keying: Keying;
    };

type SealedRow = ChainEntry & { seq: bigint; prevHash: string; hash: string };

const PAGE = 5000;

/**
 * Walks the whole chain in seq order, recomputing every keyed hash and every entry's MAC; names the
 * first position that differs. Then checks the entries not sealed yet: overdue ones, and forged ones
 * (a MAC that fails). Needs the audit keys (AUDIT_MAC_KEY or TC_SECRET_KEY).
 */
export async function verifyAuditChain(
  prisma: PrismaClient,
  options: { unsealedGraceSeconds?: number } = {},
): Promise<ChainVerification> {
  const keys = auditKeysFrom(getConfig());
  const keying = await readKeying(prisma);
  const chainKeys = { seal: keys.seal, keyedFromSeq: keying.keyedFromSeq };
  const forged = await findForgedUnsealed(prisma, keys.entry, keying);
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0n;
  let stalledAt: bigint | null = null;

  for (;;) {
    const rows = await prisma.$queryRawUnsafe<SealedRow[]>(
      `SELECT s.seq, s.prev_hash AS "prevHash", s.hash, ${ENTRY_COLUMNS}
       FROM audit_seals s JOIN audit_entries e ON e.id = s.entry_id
       WHERE s.seq >= $1
       ORDER BY s.seq
       LIMIT ${PAGE}`,
      expectedSeq,
    );
    for (const row of rows) {
      const broken = (reason: string) =>
        ({ status: 'broken', seq: expectedSeq, entryId: row.seq === expectedSeq ? row.id : null, reason, checkedCount: checked, forged, keying }) as const;
      if (row.seq !== expectedSeq) return broken(`chain position ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken('the link to the previous entry does not match');
      if (row.id >= keying.keyedFromEntryId && !entryMacIsValid(keys.entry, row.mac, row)) {
        return broken('the entry was not written by the application (its MAC does not match)');
      }
      if (sealHash(chainKeys, prevHash, row.seq, row) !== row.hash) {
        return broken(
          row.seq >= keying.keyedFromSeq
            ? 'the entry does not match its sealed hash (altered, or sealed without the key)'
            : 'the entry does not match its sealed hash',
        );
      }
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1n;
    }
    if (rows.length === PAGE) continue;
    // The walk reached its end. The sealer keeps sealing meanwhile, so a seal at exactly the next
    // position is the chain growing: walk on. Any other seal beyond is a gap; a seal whose entry the
    // walk cannot join (the entry is gone) shows up as the next position twice in a row.
    const [next] = await prisma.$queryRaw<{ seq: bigint | null }[]>`SELECT min(seq) AS seq FROM audit_seals WHERE seq >= ${expectedSeq}`;
    if (next?.seq == null) break;
    const gap = { status: 'broken', seq: expectedSeq, entryId: null, checkedCount: checked, forged, keying } as const;
    if (next.seq !== expectedSeq) return { ...gap, reason: 'seals exist beyond a gap in the chain' };
    if (rows.length === 0 && stalledAt === expectedSeq) return { ...gap, reason: `the entry sealed at chain position ${expectedSeq} is missing` };
    stalledAt = rows.length === 0 ? expectedSeq : null;
  }

  const grace = options.unsealedGraceSeconds ?? 60;
  const forgedIds = forged.map((f) => f.id);
  const overdue = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT e.id FROM audit_entries e
    WHERE e.occurred_at < now() - make_interval(secs => ${grace})
      AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)
      AND e.id <> ALL(${forgedIds}::bigint[])
    ORDER BY e.id LIMIT 100`;

  return { status: 'intact', sealedCount: checked, lastSeq: expectedSeq - 1n, lastHash: prevHash, unsealedOverdue: overdue.map((r) => r.id), forged, keying };
}

/** Unsealed entries (the sealer refuses forged ones, so they stay unsealed) whose MAC fails. */
async function findForgedUnsealed(prisma: PrismaClient, entryKey: Buffer, keying: Keying): Promise<ForgedEntry[]> {
  const forged: ForgedEntry[] = [];
  let after = keying.keyedFromEntryId - 1n;
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<ChainEntry[]>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entries e
       WHERE e.id > $1 AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)
       ORDER BY e.id LIMIT ${PAGE}`,
      after,
    );
    for (const row of rows) {
      if (!entryMacIsValid(entryKey, row.mac, row)) forged.push({ id: row.id, event: row.event, occurredAt: row.occurredAt });
    }
    if (rows.length < PAGE || forged.length >= 100) return forged.slice(0, 100);
    after = rows.at(-1)!.id;
  }
}
