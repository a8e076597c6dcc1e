import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPacket } from '@/lib/referrals/build-packet';
import { referralReport, referralSource, TEST_ORG } from '../factories/referrals';

/**
 * Issue 9, requirement 8: a hotline checks a packet's signature without our code, with the steps in
 * docs/referral-packets.md: OpenSSL verifies manifest.sig (Ed25519, base64) over manifest.json's
 * exact bytes with the published public key, and computes the key ID the manifest names.
 * (fflate only unpacks the ZIP here; any unzip does the same.)
 */
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const staff = { id: randomUUID(), name: 'Sam Supervisor' };
const dir = mkdtempSync(path.join(tmpdir(), 'tc-openssl-'));
const at = (name: string) => path.join(dir, name);

function openssl(args: string[]) {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('packet signature, checked with openssl', () => {
  it('verifies manifest.sig over manifest.json with the public key, names the key by its SHA-256 SPKI fingerprint, and refuses a changed byte', async () => {
    const source = referralSource({ reports: [referralReport({ reporterCountry: 'GB' })] });
    const packet = await buildPacket(source, TEST_ORG, { packetId: randomUUID(), referralId: randomUUID(), hotline: 'uk_nca', version: 1, createdBy: staff, approvedBy: staff }, { now: new Date(), privateKey, xsdFile: '/unused-for-the-nca' });
    const entries = unzipSync(packet.zip);
    writeFileSync(at('manifest.json'), entries['manifest.json']!);
    writeFileSync(at('manifest.sig'), entries['manifest.sig']!);
    writeFileSync(at('key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));

    // The documented commands, as a shell would run them.
    execFileSync('openssl', ['base64', '-d', '-in', 'manifest.sig', '-out', 'manifest.sig.bin'], { cwd: dir });
    const good = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig.bin']);
    expect(good).toEqual({ status: 0, out: 'Signature Verified Successfully\n' });

    execFileSync('openssl', ['pkey', '-pubin', '-in', 'key.pem', '-outform', 'DER', '-out', 'key.der'], { cwd: dir });
    const fingerprint = openssl(['dgst', '-sha256', '-r', 'key.der']).out.split(' ')[0];
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8'));
    expect(manifest.signature).toEqual({ algorithm: 'Ed25519', keyId: fingerprint, file: 'manifest.sig' });
    // The payload's SHA-256 in the manifest is what openssl computes from the file.
    writeFileSync(at('report.json'), entries['report.json']!);
    expect(openssl(['dgst', '-sha256', '-r', 'report.json']).out.split(' ')[0]).toBe(manifest.files[0].sha256);

    const changed = Buffer.from(entries['manifest.json']!);
    const flip = changed.indexOf('"caseNumber"') + 2;
    changed[flip] = changed[flip]! ^ 0x01;
    writeFileSync(at('manifest.json'), changed);
    const bad = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig.bin']);
    expect(bad.status).not.toBe(0);
    expect(bad.out).toContain('Signature Verification Failure');
  });
});
