import 'server-only';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { enabledHotlines, type HotlineInfo } from './hotlines';
import { ncmecSchemaProblem } from './ncmec-schema-status';
import { resolveKeyPath } from './signing-key';
import type { ReferralOrg } from './types';
import { resolveXsdPath } from './validate-ncmec-xml';

export type ReferralSettings = { org: ReferralOrg; xsdFile: string; keyFile: string; hotlines: HotlineInfo[] };

/** Referral configuration; refuses clearly when the contact e-mail NCMEC requires is missing. */
export function referralSettings(): ReferralSettings {
  const config = getConfig();
  const contactEmail = config.REFERRAL_CONTACT_EMAIL ?? (config.TC_DEMO ? 'referrals@demo.triage' : undefined);
  if (!contactEmail) {
    throw new AppError('conflict', 'Referrals need a contact e-mail: set REFERRAL_CONTACT_EMAIL (and REFERRAL_ORG_NAME, REFERRAL_CONTACT_NAME).');
  }
  return {
    org: {
      orgName: config.REFERRAL_ORG_NAME ?? config.PLATFORM_NAME,
      serviceName: config.PLATFORM_NAME,
      contactName: config.REFERRAL_CONTACT_NAME ?? null,
      contactEmail,
    },
    xsdFile: resolveXsdPath(config.NCMEC_XSD_PATH),
    keyFile: resolveKeyPath(config.REFERRAL_SIGNING_KEY_PATH),
    hotlines: enabledHotlines(config.REFERRAL_HOTLINES),
  };
}

/** Just the key path (the well-known route needs no contact e-mail). */
export function signingKeyPath(): string {
  return resolveKeyPath(getConfig().REFERRAL_SIGNING_KEY_PATH);
}

/** When NCMEC is enabled but its schema is missing: what the referral panel shows instead of a generic error. */
export function ncmecSchemaNotice() {
  return ncmecSchemaProblem(getConfig());
}
