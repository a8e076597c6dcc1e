import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/.well-known/triage-console/referral-signing-key/route';
import { resetConfigForTests } from '@/lib/config';
import { decideReferral } from '@/lib/referrals/decide-referral';
import { exportReferral } from '@/lib/referrals/export-referral';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { publicKeysFromFile, ZPublicKeyring } from '@/lib/referrals/public-keyring';
import { rotateSigningKey } from '@/lib/referrals/signing-key';
import { verifyPacket } from '@/lib/referrals/verify-packet';
import { createStaffPrincipal, reportAccount } from '../factories/cases';

/**
 * Issue 9, requirement 8: exported packets name their key; after a rotation the well-known route
 * serves the current and the earlier key with their IDs, and both packets verify from what it serves.
 */
const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'tc-wellknown-')), 'referral-signing-key.pem');
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_SIGNING_KEY_PATH = keyFile;
resetConfigForTests();

const URL_ = 'http://console.test/.well-known/triage-console/referral-signing-key';
const keyring = async () => {
  const response = await GET(new Request(URL_));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  return { text, ring: ZPublicKeyring.parse(JSON.parse(text)) };
};

async function exportedNcaPacket(moderator: Awaited<ReturnType<typeof createStaffPrincipal>>, supervisor: Awaited<ReturnType<typeof createStaffPrincipal>>) {
  const kase = await reportAccount({ category: 'grooming', reporterCountry: 'GB' });
  const { referralId } = await prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: moderator });
  await decideReferral({ referralId, actor: supervisor, decision: 'approve' });
  return exportReferral({ referralId, actor: moderator });
}

describe('referral signing key, published', () => {
  it('serves current and retired keys with their IDs; packets signed before and after a rotation verify from it', async () => {
    const moderator = await createStaffPrincipal('moderator');
    const supervisor = await createStaffPrincipal('supervisor');

    const before = await exportedNcaPacket(moderator, supervisor);
    const first = await keyring();
    expect(first.ring.keys).toHaveLength(1);
    expect(first.ring).toMatchObject({ algorithm: 'Ed25519', currentKeyId: before.manifest.signature.keyId, keys: [{ status: 'current', retiredAt: null }] });
    expect(first.text).not.toContain('PRIVATE');

    const rotated = await rotateSigningKey(keyFile);
    const after = await exportedNcaPacket(moderator, supervisor);
    expect(after.manifest.signature.keyId).toBe(rotated.current);
    expect(after.manifest.signature.keyId).not.toBe(before.manifest.signature.keyId);

    const second = await keyring();
    expect(second.ring.currentKeyId).toBe(rotated.current);
    expect(second.ring.keys.map((k) => [k.keyId, k.status])).toEqual([[rotated.current, 'current'], [before.manifest.signature.keyId, 'retired']]);
    const keys = publicKeysFromFile(second.text);
    expect(verifyPacket(before.zip, keys)).toMatchObject({ ok: true });
    expect(verifyPacket(after.zip, keys)).toMatchObject({ ok: true });

    // One key as PEM: the current one, or any by key ID; an unknown ID is a 404.
    const pem = await GET(new Request(`${URL_}?format=pem`));
    expect(pem.headers.get('x-key-id')).toBe(rotated.current);
    expect(await pem.text()).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const old = await GET(new Request(`${URL_}?format=pem&keyId=${before.manifest.signature.keyId}`));
    expect(verifyPacket(before.zip, publicKeysFromFile(await old.text()))).toMatchObject({ ok: true });
    expect((await GET(new Request(URL_, { headers: { accept: 'application/x-pem-file' } }))).headers.get('x-key-id')).toBe(rotated.current);
    expect((await GET(new Request(`${URL_}?format=pem&keyId=${'0'.repeat(64)}`))).status).toBe(404);
  });
});
