import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { MacFields } from './entry-mac';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainEntry = MacFields & {
  id: bigint;
  /** The application's MAC (lib/audit/entry-mac.ts); null on entries older than keyed sealing. */
  mac: string | null;
};

function canonical(value: Record<string, unknown>, id: bigint): string {
  const encoded = canonicalize(value);
  if (encoded === undefined) throw new Error(`Audit entry ${id} cannot be canonicalised`);
  return encoded;
}

function entryFields(seq: bigint, entry: ChainEntry): Record<string, unknown> {
  return {
    seq: seq.toString(),
    id: entry.id.toString(),
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    event: entry.event,
    caseId: entry.caseId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    payload: entry.payload ?? null,
    requestId: entry.requestId,
  };
}

/** RFC 8785 (JCS) canonical JSON of an entry at a chain position: the bytes that get hashed. */
export function canonicalEntry(seq: bigint, entry: ChainEntry): string {
  return canonical(entryFields(seq, entry), entry.id);
}

/** Seals before keyed sealing began: hash(n) = SHA-256(hash(n-1) ‖ "\n" ‖ canonical(entry n)), hex. */
export function chainHash(prevHash: string, seq: bigint, entry: ChainEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(seq, entry)).digest('hex');
}

/**
 * Keyed seals: hash(n) = HMAC-SHA256(seal key, hash(n-1) ‖ "\n" ‖ canonical(entry n with its MAC)),
 * hex. Without the key (which the database never holds) nobody can extend or rebuild the chain.
 */
export function keyedChainHash(sealKey: Buffer, prevHash: string, seq: bigint, entry: ChainEntry): string {
  const body = canonical({ ...entryFields(seq, entry), mac: entry.mac }, entry.id);
  return createHmac('sha256', sealKey).update(prevHash).update('\n').update(body).digest('hex');
}

/** The hash of a chain position, keyed or not by where keyed sealing began. */
export function sealHash(keys: { seal: Buffer; keyedFromSeq: bigint }, prevHash: string, seq: bigint, entry: ChainEntry): string {
  return seq >= keys.keyedFromSeq ? keyedChainHash(keys.seal, prevHash, seq, entry) : chainHash(prevHash, seq, entry);
}
