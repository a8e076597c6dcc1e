import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainEntry = {
  id: bigint;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  event: string;
  caseId: string | null;
  entityType: string | null;
  entityId: string | null;
  payload: unknown;
  requestId: string | null;
};

/** RFC 8785 (JCS) canonical JSON of an entry at a chain position: the bytes that get hashed. */
export function canonicalEntry(seq: bigint, entry: ChainEntry): string {
  const encoded = canonicalize({
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
  });
  if (encoded === undefined) throw new Error(`Audit entry ${entry.id} cannot be canonicalised`);
  return encoded;
}

/** hash(n) = SHA-256(hash(n-1) ‖ "\n" ‖ canonical(entry n)), hex. */
export function chainHash(prevHash: string, seq: bigint, entry: ChainEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(seq, entry)).digest('hex');
}
