import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { actionError } from '@/lib/auth/action';
import { resetConfigForTests } from '@/lib/config';
import { warnIfNcmecSchemaMissing } from '@/lib/referrals/ncmec-schema-status';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { ncmecSchemaNotice } from '@/lib/referrals/settings';
import { createStaffPrincipal, reportAccount } from '../factories/cases';

/** Issue 9, requirement 9: a fresh clone has no NCMEC schema; everyone is told the fix, not "something went wrong". */
const missing = path.join(mkdtempSync(path.join(tmpdir(), 'tc-no-xsd-')), 'cyber_tipline.xsd');
process.env.NCMEC_XSD_PATH = missing;
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(path.dirname(missing), 'referral-signing-key.pem');
resetConfigForTests();

const FIX = /not found at .*cyber_tipline\.xsd.*not shipped.*GET \/xsd.*NCMEC_XSD_PATH/;

describe('without NCMEC schema', () => {
  it('preparing an NCMEC referral is refused with where to get the file and where to put it', async () => {
    const moderator = await createStaffPrincipal('moderator');
    const kase = await reportAccount({ category: 'grooming', reporterCountry: 'GB' });
    const refused = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'conflict', userMessage: expect.stringMatching(FIX) });
    // What the referral panel's server action shows (not "Something went wrong on our side").
    expect(actionError(refused)).toEqual({ code: 'conflict', message: expect.stringMatching(FIX) });
    expect(actionError(refused).message).toContain(missing);
    // The NCA needs no NCMEC schema.
    await expect(prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: moderator })).resolves.toMatchObject({ referralId: expect.any(String) });
  });

  it('the referral panel gets the fix, and npm start warns once', () => {
    expect(ncmecSchemaNotice()).toEqual({
      problem: expect.stringContaining(`not found at ${missing}`),
      why: expect.stringContaining('not shipped'),
      getIt: expect.stringContaining('GET /xsd'),
      putIt: expect.stringContaining('NCMEC_XSD_PATH'),
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      warnIfNcmecSchemaMissing({ REFERRAL_HOTLINES: 'ncmec,uk_nca', NCMEC_XSD_PATH: missing }, process.cwd());
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(FIX);
      warnIfNcmecSchemaMissing({ REFERRAL_HOTLINES: 'uk_nca', NCMEC_XSD_PATH: missing }, process.cwd());
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
