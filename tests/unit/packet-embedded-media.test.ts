import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UnsignedManifest } from '@/lib/referrals/manifest';
import { describeFiles, packPacket, type PacketFile } from '@/lib/referrals/packet-zip';
import { verifyPacket } from '@/lib/referrals/verify-packet';

/**
 * Issue 9, requirement 3 (the verifier's part): a packet that is correctly signed and hashed is still
 * refused when any file carries media as text: a data: URI or a base64-encoded image.
 */
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const staff = { id: randomUUID(), name: 'S' };
const PNG_BASE64 = `iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==`;
const JPEG_BASE64 = `/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/`;

function signedPacket(files: PacketFile[]) {
  const unsigned: UnsignedManifest = {
    format: 'triage-console-referral-packet',
    formatVersion: 2,
    packetId: randomUUID(),
    referralId: randomUUID(),
    caseId: randomUUID(),
    caseNumber: '7',
    hotline: 'ncmec',
    version: 1,
    createdAt: new Date().toISOString(),
    createdBy: staff,
    preparedBy: staff,
    approvedBy: staff,
    approvedPayloadHash: describeFiles(files).find((f) => f.path === 'report.xml')?.sha256 ?? '',
    files: describeFiles(files),
  };
  return packPacket(files, unsigned, privateKey).zip;
}

const text = (path: string, body: string, contentType = 'text/plain'): PacketFile => ({ path, contentType, bytes: new TextEncoder().encode(body) });
const clean = () => [text('report.xml', '<report><url>https://social.example/p/1</url></report>', 'application/xml'), text('summary.html', '<p>Described in words.</p>', 'text/html')];

describe('packet:verify refuses media riding as text', () => {
  it('accepts a clean packet', () => {
    expect(verifyPacket(signedPacket(clean()), publicKey)).toMatchObject({ ok: true });
  });

  it.each([
    ['a data: URI in the XML payload', text('report.xml', `<report><url>data:image/png;base64,${PNG_BASE64}</url></report>`, 'application/xml'), 'report.xml', /data: URI/],
    ['a data: URI with odd case and spaces in the JSON payload', text('report.json', `{"url": "DATA: text/html ; charset=utf-8,<script>"}`, 'application/json'), 'report.json', /data: URI/],
    ['a bare base64 PNG in the summary', text('summary.html', `<p>${PNG_BASE64}</p>`, 'text/html'), 'summary.html', /base64-encoded media/],
    ['a bare base64 JPEG in the payload', text('report.json', `{"d": "${JPEG_BASE64}"}`, 'application/json'), 'report.json', /base64-encoded media/],
    ['a data: URI hidden behind HTML character references', text('summary.html', `<p>data&#58;image/png;base64&#x2C;${PNG_BASE64}</p>`, 'text/html'), 'summary.html', /data: URI/],
  ])('refuses %s', (_, file, name, reason) => {
    const files = [...clean().filter((f) => f.path !== file.path), file];
    const result = verifyPacket(signedPacket(files), publicKey);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(new RegExp(`^${name.replace('.', '\\.')} is not allowed in a referral packet: `)) });
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('does not mistake ordinary words for media ("data: see below", "metadata:")', () => {
    const files = [text('report.xml', '<report><additionalInfo>Reporter data: see below. metadata: none</additionalInfo></report>', 'application/xml')];
    expect(verifyPacket(signedPacket(files), publicKey)).toMatchObject({ ok: true });
  });
});
