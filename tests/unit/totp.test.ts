import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '@/lib/auth/secret-box';
import { groupSecret, newTotpSecret, normaliseTotpCode, totpUri, verifyTotpCode } from '@/lib/auth/totp';

const secret = newTotpSecret();
const now = new Date('2026-11-24T10:00:15Z');
const codeAt = (offsetSeconds: number) => generate({ secret, epoch: Math.floor(now.getTime() / 1000) + offsetSeconds });

describe('TOTP', () => {
  it('accepts the current code and one 30-second step either side', async () => {
    const step = Math.floor(now.getTime() / 1000 / 30);
    expect(await verifyTotpCode(secret, await codeAt(0), now)).toBe(step);
    expect(await verifyTotpCode(secret, await codeAt(-30), now)).toBe(step - 1);
    expect(await verifyTotpCode(secret, await codeAt(30), now)).toBe(step + 1);
  });

  it('refuses a code whose step is at or before the last one accepted (no replay within the window)', async () => {
    const step = Math.floor(now.getTime() / 1000 / 30);
    expect(await verifyTotpCode(secret, await codeAt(0), now, step)).toBeNull();
    expect(await verifyTotpCode(secret, await codeAt(-30), now, step - 1)).toBeNull();
    expect(await verifyTotpCode(secret, await codeAt(0), now, step - 1)).toBe(step);
    expect(await verifyTotpCode(secret, await codeAt(30), now, step)).toBe(step + 1);
  });

  it('refuses codes two steps away, other secrets and malformed input', async () => {
    expect(await verifyTotpCode(secret, await codeAt(-60), now)).toBeNull();
    expect(await verifyTotpCode(secret, await codeAt(60), now)).toBeNull();
    expect(await verifyTotpCode(newTotpSecret(), await codeAt(0), now)).toBeNull();
    expect(await verifyTotpCode(secret, '', now)).toBeNull();
    expect(await verifyTotpCode(secret, '12345', now)).toBeNull();
    expect(await verifyTotpCode(secret, 'abcdef', now)).toBeNull();
  });

  it('tolerates spaces people type between digit groups', async () => {
    const code = await codeAt(0);
    expect(normaliseTotpCode(`${code.slice(0, 3)} ${code.slice(3)}`)).toBe(code);
    expect(await verifyTotpCode(secret, ` ${code.slice(0, 3)}-${code.slice(3)} `, now)).toBe(Math.floor(now.getTime() / 1000 / 30));
  });

  it('makes 160-bit base32 secrets and a standard otpauth URI', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri({ issuer: 'Triage Console', account: 'a@b.org', secret }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Triage Console');
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('secret box', () => {
  const key = 'k'.repeat(40);
  it('round-trips and refuses another key, another purpose or a tampered box', () => {
    const sealed = sealSecret(key, 'totp-secret', secret);
    expect(sealed).not.toContain(secret);
    expect(openSecret(key, 'totp-secret', sealed)).toBe(secret);
    expect(openSecret('x'.repeat(40), 'totp-secret', sealed)).toBeNull();
    expect(openSecret(key, 'other', sealed)).toBeNull();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(openSecret(key, 'totp-secret', tampered)).toBeNull();
    expect(openSecret(key, 'totp-secret', 'plain')).toBeNull();
  });
});
