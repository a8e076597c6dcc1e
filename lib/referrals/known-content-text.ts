import type { ReferralKnownContent, ReferralSource } from './types';

/** How a referral states known-content matches in free text (NCMEC additionalInfo, the summary). Pure. */

const ALGORITHM_NAME: Record<ReferralKnownContent['algorithm'], string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', photodna: 'PhotoDNA', pdq: 'PDQ' };

/** One match on one line: which hash of which report, which list (and who vouches for it), how close. */
export function knownContentLine(k: ReferralKnownContent): string {
  const closeness = k.algorithm === 'pdq' ? `Hamming distance ${k.distance} of 256 bits (the list matches up to ${k.threshold})` : 'exact match';
  const label = k.entryLabel ? `, entry "${k.entryLabel}"` : '';
  return `${ALGORITHM_NAME[k.algorithm]} hash ${k.reportHash} from the platform (report ${k.reportReference}) matches list "${k.listName}" (source: ${k.listSource}${label}): ${closeness}.`;
}

/** The known-content paragraph: a heading line and one line per match; empty when nothing matched. */
export function knownContentLines(source: Pick<ReferralSource, 'knownContent'>): string[] {
  const matches = source.knownContent ?? [];
  if (matches.length === 0) return [];
  return [
    `Known content (${matches.length} match${matches.length === 1 ? '' : 'es'}): media hashes the platform sent match hash lists of known material. A hash comparison only: the files were never seen, fetched or stored by us.`,
    ...matches.map((k) => `- ${knownContentLine(k)}`),
  ];
}
