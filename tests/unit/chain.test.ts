import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, chainHash, GENESIS_HASH, type ChainEntry } from '@/lib/audit/chain';

const entry: ChainEntry = {
  id: 41n,
  occurredAt: new Date('2025-06-01T12:00:00.123Z'),
  actorType: 'staff',
  actorId: 'staff_1',
  event: 'case.status_changed',
  caseId: 'case_9',
  entityType: 'case',
  entityId: 'case_9',
  payload: { from: 'open', to: 'escalated', notes: { a: 1, b: [1, 2, 3] } },
  requestId: 'req_abc',
  mac: null,
};

describe('GENESIS_HASH', () => {
  it('is 64 zero hex digits, the width of a SHA-256 hex digest', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(GENESIS_HASH).toHaveLength(chainHash(GENESIS_HASH, 1n, entry).length);
  });
});

describe('canonicalEntry', () => {
  it('is RFC 8785 JSON with keys sorted and every field present', () => {
    expect(canonicalEntry(7n, entry)).toBe(
      '{"actorId":"staff_1","actorType":"staff","caseId":"case_9","entityId":"case_9","entityType":"case",' +
        '"event":"case.status_changed","id":"41","occurredAt":"2025-06-01T12:00:00.123Z",' +
        '"payload":{"from":"open","notes":{"a":1,"b":[1,2,3]},"to":"escalated"},"requestId":"req_abc","seq":"7"}',
    );
  });

  it('does not depend on the key order of the payload, at any depth', () => {
    const reordered: ChainEntry = {
      ...entry,
      payload: { notes: { b: [1, 2, 3], a: 1 }, to: 'escalated', from: 'open' },
    };
    expect(canonicalEntry(7n, reordered)).toBe(canonicalEntry(7n, entry));
    expect(chainHash(GENESIS_HASH, 7n, reordered)).toBe(chainHash(GENESIS_HASH, 7n, entry));
  });

  it('does depend on the order of arrays in the payload', () => {
    const swapped: ChainEntry = { ...entry, payload: { ...(entry.payload as object), notes: { a: 1, b: [3, 2, 1] } } };
    expect(canonicalEntry(7n, swapped)).not.toBe(canonicalEntry(7n, entry));
  });

  it('encodes ids and seq as decimal strings, beyond the safe integer range', () => {
    const big = canonicalEntry(2n ** 63n - 1n, { ...entry, id: 2n ** 62n + 1n });
    expect(big).toContain('"seq":"9223372036854775807"');
    expect(big).toContain('"id":"4611686018427387905"');
  });

  it('writes nulls for absent optional fields and an undefined payload', () => {
    const bare: ChainEntry = {
      ...entry,
      actorId: null,
      caseId: null,
      entityType: null,
      entityId: null,
      requestId: null,
      payload: undefined,
    };
    const json = JSON.parse(canonicalEntry(1n, bare));
    expect(json).toMatchObject({ actorId: null, caseId: null, entityType: null, entityId: null, requestId: null, payload: null });
  });

  it('is stable for the same input', () => {
    expect(canonicalEntry(3n, entry)).toBe(canonicalEntry(3n, structuredClone(entry)));
  });
});

describe('chainHash', () => {
  it('is SHA-256 over prevHash, a newline and the canonical entry, in hex', () => {
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}\n${canonicalEntry(1n, entry)}`)
      .digest('hex');
    expect(chainHash(GENESIS_HASH, 1n, entry)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when the seq changes', () => {
    expect(chainHash(GENESIS_HASH, 2n, entry)).not.toBe(chainHash(GENESIS_HASH, 1n, entry));
  });

  it('changes when the previous hash changes', () => {
    const other = 'f'.repeat(64);
    expect(chainHash(other, 1n, entry)).not.toBe(chainHash(GENESIS_HASH, 1n, entry));
    // Even one character.
    const oneOff = `1${GENESIS_HASH.slice(1)}`;
    expect(chainHash(oneOff, 1n, entry)).not.toBe(chainHash(GENESIS_HASH, 1n, entry));
  });

  const changes: [string, Partial<ChainEntry>][] = [
    ['id', { id: 42n }],
    ['occurredAt', { occurredAt: new Date('2025-06-01T12:00:00.124Z') }],
    ['actorType', { actorType: 'system' }],
    ['actorId', { actorId: 'staff_2' }],
    ['actorId → null', { actorId: null }],
    ['event', { event: 'case.assigned' }],
    ['caseId', { caseId: 'case_10' }],
    ['caseId → null', { caseId: null }],
    ['entityType', { entityType: 'report' }],
    ['entityId', { entityId: 'report_1' }],
    ['payload value', { payload: { from: 'open', to: 'closed', notes: { a: 1, b: [1, 2, 3] } } }],
    ['payload key', { payload: { from: 'open', to: 'escalated', notes: { a: 1, b: [1, 2, 3] }, extra: true } }],
    ['payload → null', { payload: null }],
    ['payload number type', { payload: { from: 'open', to: 'escalated', notes: { a: '1', b: [1, 2, 3] } } }],
    ['requestId', { requestId: 'req_abd' }],
    ['requestId → null', { requestId: null }],
    ['actorId "null" string vs null', { actorId: 'null' }],
  ];

  it.each(changes)('changes when %s changes', (_name, change) => {
    const base = chainHash(GENESIS_HASH, 1n, entry);
    expect(chainHash(GENESIS_HASH, 1n, { ...entry, ...change })).not.toBe(base);
  });

  it('distinguishes a null actorId from the string "null"', () => {
    const a = chainHash(GENESIS_HASH, 1n, { ...entry, actorId: null });
    const b = chainHash(GENESIS_HASH, 1n, { ...entry, actorId: 'null' });
    expect(a).not.toBe(b);
  });

  it('links entries: changing an early entry changes every later hash', () => {
    const entries = [1n, 2n, 3n].map((id) => ({ ...entry, id }));
    const chain = (list: ChainEntry[]) => {
      let prev = GENESIS_HASH;
      return list.map((e, i) => (prev = chainHash(prev, BigInt(i + 1), e)));
    };
    const original = chain(entries);
    const tampered = chain([{ ...entries[0]!, event: 'tampered' }, entries[1]!, entries[2]!]);
    expect(new Set(original).size).toBe(3);
    for (let i = 0; i < 3; i++) expect(tampered[i]).not.toBe(original[i]);
  });
});
