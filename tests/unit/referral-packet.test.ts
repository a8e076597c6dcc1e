import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPacket, type BuildPacketMeta } from '@/lib/referrals/build-packet';
import { ZNcaReferral } from '@/lib/referrals/nca-schema';
import { buildNcaReferral } from '@/lib/referrals/build-nca-json';
import { detectMedia } from '@/lib/referrals/media-sniff';
import { describeFiles, encodeZip, packPacket, sha256Hex } from '@/lib/referrals/packet-zip';
import { verifyPacket } from '@/lib/referrals/verify-packet';
import { referralReport, referralSource, TEST_ORG } from '../factories/referrals';
import { itWithNcmecSchema, ncmecXsdFile as xsdFile } from '../setup/ncmec-schema-vitest';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const NOW = new Date('2026-02-01T00:00:00Z');
const staff = { id: randomUUID(), name: 'Sam Supervisor' };
const meta = (hotline: BuildPacketMeta['hotline']): BuildPacketMeta => ({ packetId: randomUUID(), referralId: randomUUID(), hotline, version: 2, createdBy: { id: randomUUID(), name: 'Mo Moderator' }, approvedBy: staff });
const ukSource = () => referralSource({ reports: [referralReport({ reporterCountry: 'GB', mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6'], ipCaptureEvents: [{ ipAddress: '198.51.100.4', port: 443, eventName: 'Upload', dateTime: '2026-01-09T09:00:00Z' }] })] });

describe('referral packet', () => {
  itWithNcmecSchema('round-trips: build, sign, verify (NCMEC)', async () => {
    const packet = await buildPacket(referralSource({ category: 'child_sexual_imagery' }), TEST_ORG, meta('ncmec'), { now: NOW, privateKey, xsdFile });
    const result = verifyPacket(packet.zip, publicKey);
    expect(result).toMatchObject({ ok: true, sha256: packet.sha256 });
    expect(packet.manifest.files.map((f) => f.path)).toEqual(['report.xml', 'summary.html', 'summary.pdf']);
    expect(packet.manifest).toMatchObject({ hotline: 'ncmec', version: 2, approvedBy: staff, createdAt: NOW.toISOString() });
  });

  it('round-trips for the NCA with a JSON payload that matches its schema', async () => {
    const packet = await buildPacket(ukSource(), TEST_ORG, meta('uk_nca'), { now: NOW, privateKey, xsdFile });
    expect(verifyPacket(packet.zip, publicKey).ok).toBe(true);
    const doc = ZNcaReferral.parse(JSON.parse(packet.payload.text));
    expect(doc.hashValues).toEqual([{ algorithm: 'MD5', value: '9e107d9d372bb6826bd81d3542a419d6', reportReference: expect.any(String), knownContentMatches: [] }]);
    expect(doc.ipAddresses).toEqual([{ ipAddress: '198.51.100.4', port: 443, eventName: 'Upload', dateTime: '2026-01-09T09:00:00.000Z' }]);
    expect(doc.ukLink[0]).toMatch(/Reporter located in GB/);
  });

  itWithNcmecSchema('names who prepared and approved, and the approved payload hash, which is the payload file\'s own; verify refuses another payload', async () => {
    const preparedBy = { id: randomUUID(), name: 'Pat Preparer' };
    const packet = await buildPacket(referralSource(), TEST_ORG, { ...meta('ncmec'), preparedBy }, { now: NOW, privateKey, xsdFile });
    const payloadFile = packet.manifest.files.find((f) => f.path === 'report.xml')!;
    expect(packet.manifest).toMatchObject({ preparedBy, approvedBy: staff, approvedPayloadHash: payloadFile.sha256 });
    expect(payloadFile.sha256).toBe(packet.payload.sha256);
    const files = [{ path: 'report.xml', contentType: 'application/xml', bytes: new TextEncoder().encode('<report>other</report>') }];
    const swapped = packPacket(files, { ...packet.manifest, files: describeFiles(files) }, privateKey).zip;
    expect(verifyPacket(swapped, publicKey)).toEqual({ ok: false, reason: 'report.xml is not the payload that was approved (its SHA-256 differs from approvedPayloadHash)' });
  });

  it('refuses to build an NCA document for a case that is not UK-linked', () => {
    expect(() => buildNcaReferral(referralSource(), TEST_ORG, NOW)).toThrow(/not UK-linked/);
  });

  it('fails verification when any single byte of the file changes', async () => {
    const { zip } = await buildPacket(ukSource(), TEST_ORG, meta('uk_nca'), { now: NOW, privateKey, xsdFile });
    const failures: number[] = [];
    // Every byte of a packet up to 8 KiB, then an even spread of 8,192 positions (summary.pdf
    // embeds font subsets, so the packet is some 30 KiB and a verify per byte would take minutes).
    const step = Math.max(1, zip.length / 8192);
    for (let n = 0, i = 0; i < zip.length; n += 1, i = Math.floor(n * step)) {
      const copy = zip.slice();
      copy[i] = copy[i]! ^ 0x01;
      if (verifyPacket(copy, publicKey).ok) failures.push(i);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('fails with a clear reason for a wrong key, an extra file, a truncated file and media', async () => {
    const files = [{ path: 'report.xml', contentType: 'application/xml', bytes: new TextEncoder().encode('<report/>') }];
    const m = meta('ncmec');
    const manifest = {
      format: 'triage-console-referral-packet',
      formatVersion: 2,
      caseId: randomUUID(),
      caseNumber: '1',
      createdAt: NOW.toISOString(),
      files: describeFiles(files),
      ...m,
      preparedBy: m.createdBy,
      approvedPayloadHash: sha256Hex(files[0]!.bytes),
    } as const;
    const { zip } = packPacket(files, manifest, privateKey);
    expect(verifyPacket(zip, publicKey).ok).toBe(true);
    expect(verifyPacket(zip, generateKeyPairSync('ed25519').publicKey)).toEqual({ ok: false, reason: expect.stringMatching(/^the packet was signed with key [0-9a-f]{64}, which is not among the keys given/) });
    expect(verifyPacket(zip.slice(0, zip.length - 10), publicKey)).toEqual({ ok: false, reason: expect.stringMatching(/not a readable ZIP/) });

    const { unzipSync } = await import('fflate');
    const entries = unzipSync(zip);
    const withExtra = encodeZip([...Object.entries(entries).map(([path, bytes]) => ({ path, bytes })), { path: 'notes.txt', bytes: new Uint8Array([65]) }]);
    expect(verifyPacket(withExtra, publicKey)).toEqual({ ok: false, reason: 'notes.txt is in the packet but not in the manifest' });

    // A listed, correctly hashed and signed file that is an image is still refused.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const mediaFiles = [{ path: 'report.xml', contentType: 'application/xml', bytes: jpeg }];
    const mediaZip = packPacket(mediaFiles, { ...manifest, files: describeFiles(mediaFiles) }, privateKey).zip;
    expect(verifyPacket(mediaZip, publicKey)).toEqual({ ok: false, reason: 'report.xml is not allowed in a referral packet: JPEG image' });
    // A non-canonical container (compressed) with the same contents is refused too.
    const recompressed = zipSync(Object.fromEntries(Object.entries(entries).map(([p, b]) => [p, [b, { level: 6 }]])));
    expect(verifyPacket(recompressed, publicKey)).toMatchObject({ ok: false });
  });

  it('recognises media and archives by bytes and by name', () => {
    expect(detectMedia('a.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('PNG image');
    expect(detectMedia('a.bin', new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]))).toMatch(/ISO media/);
    expect(detectMedia('clip.mp4', new TextEncoder().encode('hello'))).toMatch(/extension/);
    expect(detectMedia('a.bin', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('ZIP archive');
    expect(detectMedia('summary.pdf', new TextEncoder().encode('%PDF-1.7 << /Type /XObject /Subtype /Image >>'))).toMatch(/embedded image/);
    expect(detectMedia('report.json', new TextEncoder().encode('{"a":1}'))).toBeNull();
  });
});
