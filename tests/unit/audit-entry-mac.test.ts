import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveAuditKeys } from '@/lib/audit/audit-keys';
import { chainHash, GENESIS_HASH, keyedChainHash, sealHash, type ChainEntry } from '@/lib/audit/chain';
import { parseCheckpointLine, signCheckpoint } from '@/lib/audit/checkpoint-format';
import { entryMac, entryMacIsValid, type MacFields } from '@/lib/audit/entry-mac';

const keys = deriveAuditKeys('a-root-secret-of-at-least-32-characters!!');
const fields: MacFields = {
  occurredAt: new Date('2026-11-30T10:00:00.123Z'),
  actorType: 'staff',
  actorId: '4b0c6a53-8a44-4ef4-8a0e-0a4a0b2b9c11',
  event: 'case.note_added',
  caseId: '0b9d1b8e-3c1d-4a52-9f1e-5d2c8a7e6f10',
  entityType: 'case',
  entityId: '0b9d1b8e-3c1d-4a52-9f1e-5d2c8a7e6f10',
  payload: { version: 3, noteId: 'n1', nested: { b: 1, a: [2, 1] } },
  requestId: 'req_1',
};

describe('audit entry MAC', () => {
  it('verifies the entry it was made for, whatever the payload key order', () => {
    const mac = entryMac(keys.entry, fields);
    expect(mac).toMatch(/^v1\.[\w-]+\.[\w-]{43}$/);
    expect(entryMacIsValid(keys.entry, mac, { ...fields, payload: { nested: { a: [2, 1], b: 1 }, noteId: 'n1', version: 3 } })).toBe(true);
  });

  it('fails for any changed field, another key, a missing MAC or another nonce', () => {
    const mac = entryMac(keys.entry, fields);
    const changes: Partial<MacFields>[] = [
      { occurredAt: new Date('2026-11-27T10:00:00.123Z') },
      { actorId: null },
      { event: 'case.dismissed' },
      { caseId: null },
      { entityId: 'x' },
      { payload: { ...(fields.payload as object), version: 4 } },
      { requestId: null },
    ];
    for (const change of changes) expect(entryMacIsValid(keys.entry, mac, { ...fields, ...change }), JSON.stringify(change)).toBe(false);
    expect(entryMacIsValid(deriveAuditKeys('another-root-secret-of-32-characters-xx').entry, mac, fields)).toBe(false);
    expect(entryMacIsValid(keys.seal, mac, fields)).toBe(false);
    expect(entryMacIsValid(keys.entry, null, fields)).toBe(false);
    const [v, , tag] = mac.split('.');
    expect(entryMacIsValid(keys.entry, `${v}.AAAAAAAAAAAAAAAA.${tag}`, fields)).toBe(false);
  });

  it('gives every entry a different MAC (a copied row is a duplicate, not a second entry)', () => {
    expect(entryMac(keys.entry, fields)).not.toBe(entryMac(keys.entry, fields));
  });

  it('leaves out only the case of report.received, which the intake transaction decides', () => {
    const received = { ...fields, event: 'report.received', caseId: null };
    const mac = entryMac(keys.entry, received);
    expect(entryMacIsValid(keys.entry, mac, { ...received, caseId: '0b9d1b8e-3c1d-4a52-9f1e-5d2c8a7e6f10' })).toBe(true);
    expect(entryMacIsValid(keys.entry, mac, { ...received, entityId: 'other' })).toBe(false);
  });
});

describe('keyed seal chain', () => {
  const entry: ChainEntry = { ...fields, id: 7n, mac: 'v1.n.t' };
  it('is an HMAC: unkeyed SHA-256 or another key gives another hash', () => {
    const keyed = keyedChainHash(keys.seal, GENESIS_HASH, 1n, entry);
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(chainHash(GENESIS_HASH, 1n, entry));
    expect(keyed).not.toBe(keyedChainHash(keys.entry, GENESIS_HASH, 1n, entry));
    expect(keyedChainHash(keys.seal, GENESIS_HASH, 1n, { ...entry, mac: 'v1.n.u' })).not.toBe(keyed);
  });
  it('keeps positions before keyed sealing on unkeyed SHA-256', () => {
    expect(sealHash({ seal: keys.seal, keyedFromSeq: 5n }, GENESIS_HASH, 4n, entry)).toBe(chainHash(GENESIS_HASH, 4n, entry));
    expect(sealHash({ seal: keys.seal, keyedFromSeq: 5n }, GENESIS_HASH, 5n, entry)).toBe(keyedChainHash(keys.seal, GENESIS_HASH, 5n, entry));
  });
});

describe('signed checkpoints', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const body = { version: 1 as const, seq: '12', entryId: '40', hash: 'a'.repeat(64), keyedFromSeq: '1', at: '2026-11-30T10:00:00.000Z' };
  it('verify with the public key and refuse any edit or another key', () => {
    const line = JSON.stringify(signCheckpoint(body, privateKey));
    expect(parseCheckpointLine(line, publicKey)).toMatchObject({ ok: true, checkpoint: body });
    expect(parseCheckpointLine(line.replace('"seq":"12"', '"seq":"11"'), publicKey)).toEqual({ ok: false, reason: 'bad signature' });
    expect(parseCheckpointLine(line, generateKeyPairSync('ed25519').publicKey)).toEqual({ ok: false, reason: 'bad signature' });
    expect(parseCheckpointLine('{', publicKey)).toEqual({ ok: false, reason: 'not JSON' });
  });
});
