import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnsignedManifest } from '@/lib/referrals/manifest';
import { describeFiles, packPacket } from '@/lib/referrals/packet-zip';
import { publicKeyringDocument, publicKeysFromFile } from '@/lib/referrals/public-keyring';
import { getSigningKey, keyIdOf, readPublicKeyring, retiredKeysDir, rotateSigningKey } from '@/lib/referrals/signing-key';
import { verifyPacket } from '@/lib/referrals/verify-packet';

/** Issue 9, requirement 8: key IDs, rotation that keeps old public keys, and a verifier that picks the key by ID. */
const newKeyFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'tc-keyring-')), 'referral-signing-key.pem');
const staff = { id: randomUUID(), name: 'S' };

async function packetSignedBy(keyFile: string) {
  const files = [{ path: 'report.json', contentType: 'application/json', bytes: new TextEncoder().encode('{"ok":true}\n') }];
  const unsigned: UnsignedManifest = {
    format: 'triage-console-referral-packet', formatVersion: 2, packetId: randomUUID(), referralId: randomUUID(), caseId: randomUUID(),
    caseNumber: '9', hotline: 'uk_nca', version: 1, createdAt: new Date().toISOString(), createdBy: staff, preparedBy: staff, approvedBy: staff,
    approvedPayloadHash: describeFiles(files)[0]!.sha256, files: describeFiles(files),
  };
  return packPacket(files, unsigned, (await getSigningKey(keyFile)).privateKey);
}

function npmRun(script: string, args: string[], keyFile: string) {
  const run = spawnSync('npm', ['run', '--silent', script, '--', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, REFERRAL_SIGNING_KEY_PATH: keyFile } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('referral signing keys', () => {
  it('rotation keeps every earlier public key, the running process signs with the new key, and packets name their key', async () => {
    const keyFile = newKeyFile();
    const first = await getSigningKey(keyFile);
    expect(first.keyId).toBe(keyIdOf(first.publicKey));
    expect(first.keyId).toMatch(/^[0-9a-f]{64}$/);
    const old = await packetSignedBy(keyFile);
    expect(old.manifest.signature).toEqual({ algorithm: 'Ed25519', keyId: first.keyId, file: 'manifest.sig' });

    const r1 = await rotateSigningKey(keyFile, new Date('2026-01-01T00:00:00Z'));
    const r2 = await rotateSigningKey(keyFile, new Date('2026-02-01T00:00:00Z'));
    expect(r1.retired).toBe(first.keyId);
    expect(r2.retired).toBe(r1.current);
    // The cached key is replaced without a restart; the old private key is gone.
    expect((await getSigningKey(keyFile)).keyId).toBe(r2.current);
    expect(readFileSync(keyFile, 'utf8')).toContain('PRIVATE KEY');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(retiredKeysDir(keyFile)).sort()).toEqual([`${first.keyId}.pem`, `${r1.current}.pem`].sort());
    for (const name of readdirSync(retiredKeysDir(keyFile))) expect(readFileSync(path.join(retiredKeysDir(keyFile), name), 'utf8')).not.toContain('PRIVATE');

    const ring = await readPublicKeyring(keyFile);
    expect(ring.map((k) => [k.keyId, k.status, k.retiredAt])).toEqual([
      [r2.current, 'current', null],
      [r1.current, 'retired', '2026-02-01T00:00:00.000Z'],
      [first.keyId, 'retired', '2026-01-01T00:00:00.000Z'],
    ]);

    // The published JSON keyring verifies packets signed before and after the rotations, by key ID.
    const published = JSON.stringify(publicKeyringDocument(ring));
    const keys = publicKeysFromFile(published);
    const fresh = await packetSignedBy(keyFile);
    expect(verifyPacket(old.zip, keys)).toMatchObject({ ok: true, manifest: { signature: { keyId: first.keyId } } });
    expect(verifyPacket(fresh.zip, keys)).toMatchObject({ ok: true, manifest: { signature: { keyId: r2.current } } });
    // Only the current key: the old packet names a key that is not given.
    expect(verifyPacket(old.zip, [ring[0]!.publicKey])).toEqual({ ok: false, reason: expect.stringContaining(`signed with key ${first.keyId}, which is not among the keys given`) });
    // A keyring whose listed ID does not match its key is refused.
    expect(() => publicKeysFromFile(published.replaceAll(r2.current, first.keyId))).toThrow(/has key ID/);
  });

  it('npm run packet:rotate-key and npm run packet:verify: an old packet still verifies after rotation, without --key and with the keyring file', async () => {
    const keyFile = newKeyFile();
    const before = await packetSignedBy(keyFile);
    const packetFile = path.join(path.dirname(keyFile), 'packet.zip');
    writeFileSync(packetFile, before.zip);

    const rotated = npmRun('packet:rotate-key', [], keyFile);
    expect(rotated.stderr).toBe('');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toContain(`Retired key ${before.manifest.signature.keyId}`);
    expect(existsSync(path.join(retiredKeysDir(keyFile), `${before.manifest.signature.keyId}.pem`))).toBe(true);

    const own = npmRun('packet:verify', [packetFile], keyFile);
    expect(own.stderr).toBe('');
    expect(own.stdout).toContain(`signed (Ed25519) by key ${before.manifest.signature.keyId};`);

    const ringFile = path.join(path.dirname(keyFile), 'keys.json');
    writeFileSync(ringFile, JSON.stringify(publicKeyringDocument(await readPublicKeyring(keyFile))));
    expect(npmRun('packet:verify', [packetFile, '--key', ringFile], path.join(path.dirname(keyFile), 'elsewhere.pem')).status).toBe(0);
    // The current key alone (a PEM) cannot verify it, and says which key it needs.
    const currentPem = path.join(path.dirname(keyFile), 'current.pem');
    writeFileSync(currentPem, (await getSigningKey(keyFile)).publicPem);
    const refused = npmRun('packet:verify', [packetFile, '--key', currentPem], keyFile);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`INVALID: the packet was signed with key ${before.manifest.signature.keyId}`);
  }, 120_000);
});
