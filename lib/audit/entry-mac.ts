import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The MAC the application puts on every audit entry as it writes it: `v1.<nonce>.<tag>`, where tag
 * = HMAC-SHA256(entry key, JCS of the entry's fields and the nonce). The database stores it but
 * cannot compute one, so a row inserted or rebuilt inside the database (even by a superuser with
 * the triggers off) fails the check. The random nonce makes every MAC unique, so a copied row is a
 * duplicate, not a second valid entry.
 *
 * Covered: time, actor, event, case, entity, payload, request ID. Not covered: the id (a sequence
 * the database assigns; the seal chain binds it) and, for report.received only, the case: the
 * intake transaction decides which case a report joins (tc_accept_report); the seal binds it.
 */
export type MacFields = {
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

/** Events whose case is decided inside the database, after the application computed the MAC. */
const CASE_DECIDED_IN_DATABASE = new Set(['report.received']);

function macInput(nonce: string, entry: MacFields): string {
  const encoded = canonicalize({
    v: 1,
    nonce,
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    event: entry.event,
    caseId: CASE_DECIDED_IN_DATABASE.has(entry.event) ? null : entry.caseId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    // As stored: jsonb keeps exactly what JSON.stringify wrote (undefined members dropped).
    payload: JSON.parse(JSON.stringify(entry.payload ?? {})),
    requestId: entry.requestId,
  });
  if (encoded === undefined) throw new Error('Audit entry cannot be canonicalised');
  return encoded;
}

function tag(key: Buffer, nonce: string, entry: MacFields): string {
  return createHmac('sha256', key).update(macInput(nonce, entry)).digest('base64url');
}

export function entryMac(key: Buffer, entry: MacFields): string {
  const nonce = randomBytes(12).toString('base64url');
  return `v1.${nonce}.${tag(key, nonce, entry)}`;
}

export function entryMacIsValid(key: Buffer, mac: string | null, entry: MacFields): boolean {
  if (!mac) return false;
  const [version, nonce, given] = mac.split('.');
  if (version !== 'v1' || !nonce || !given) return false;
  const expected = Buffer.from(tag(key, nonce, entry));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
