import type { HashAlgorithm } from '@/lib/generated/prisma/enums';

/**
 * The one reading of an `ALG:value` hash string, used both for hash-list files and for the
 * `mediaHashes` a platform sends with a report, so a list entry and a report hash that mean the
 * same hash always compare equal.
 *
 * Algorithms (names case-insensitive): MD5 (32 hex), SHA1 / SHA-1 (40 hex), SHA256 / SHA-256
 * (64 hex), PDQ (64 hex = 256 bits), PDNA / PHOTODNA. Hex values are lower-cased.
 *
 * PhotoDNA is 144 bytes. It is accepted in the two ways vendors write it: standard base64 of the
 * 144 bytes (exactly 192 characters of A–Z a–z 0–9 + /, no padding needed because 144 is a
 * multiple of 3), kept exactly as given (base64 is case-sensitive); or hex of the 144 bytes (288
 * characters), lower-cased. It is matched exactly on that string: a list and a platform must use
 * the same encoding.
 */

export const HASH_ALGORITHMS = ['md5', 'sha1', 'sha256', 'photodna', 'pdq'] as const satisfies readonly HashAlgorithm[];

const ALIASES: Record<string, HashAlgorithm> = {
  md5: 'md5',
  sha1: 'sha1',
  'sha-1': 'sha1',
  sha256: 'sha256',
  'sha-256': 'sha256',
  pdq: 'pdq',
  pdna: 'photodna',
  photodna: 'photodna',
};

/** How each algorithm is written in lists and messages. */
export const ALGORITHM_LABELS: Record<HashAlgorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  photodna: 'PhotoDNA',
  pdq: 'PDQ',
};

const HEX_LENGTH: Partial<Record<HashAlgorithm, number>> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };
const HEX = /^[0-9a-fA-F]+$/;
const PHOTODNA_BASE64 = /^[A-Za-z0-9+/]{192}$/;
const PHOTODNA_HEX = /^[0-9a-fA-F]{288}$/;

export type ParsedHash = { algorithm: HashAlgorithm; value: string };
export type HashProblem = 'no_algorithm' | 'unknown_algorithm' | 'bad_value';

export const HASH_PROBLEM_MESSAGES: Record<HashProblem, string> = {
  no_algorithm: 'is not written ALG:value (for example PDQ:<64 hex digits>)',
  unknown_algorithm: 'names an algorithm other than MD5, SHA-1, SHA-256, PDNA/PhotoDNA or PDQ',
  bad_value: 'has a value of the wrong length or alphabet for its algorithm',
};

/** The algorithm a name stands for (`SHA-1`, `pdna` …), or null. */
export function algorithmFromName(name: string): HashAlgorithm | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

/** The normalised value for an algorithm, or null when it is not a valid value of it. */
export function normaliseHashValue(algorithm: HashAlgorithm, raw: string): string | null {
  const value = raw.trim();
  const hexLength = HEX_LENGTH[algorithm];
  if (hexLength !== undefined) return value.length === hexLength && HEX.test(value) ? value.toLowerCase() : null;
  if (PHOTODNA_BASE64.test(value)) return value;
  if (PHOTODNA_HEX.test(value)) return value.toLowerCase();
  return null;
}

/** Reads `ALG:value` and says what is wrong when it cannot. */
export function readHashString(text: string): { ok: true; hash: ParsedHash } | { ok: false; problem: HashProblem } {
  const colon = text.indexOf(':');
  if (colon <= 0) return { ok: false, problem: 'no_algorithm' };
  const algorithm = algorithmFromName(text.slice(0, colon));
  if (!algorithm) return { ok: false, problem: 'unknown_algorithm' };
  const value = normaliseHashValue(algorithm, text.slice(colon + 1));
  if (value === null) return { ok: false, problem: 'bad_value' };
  return { ok: true, hash: { algorithm, value } };
}

/** `ALG:value` → the algorithm and normalised value, or null when it is not a hash we know. */
export function parseHashString(text: string): ParsedHash | null {
  const read = readHashString(text);
  return read.ok ? read.hash : null;
}

/** The canonical `ALG:value` text of a parsed hash (for messages and tests). */
export function formatHash(hash: ParsedHash): string {
  return `${ALGORITHM_LABELS[hash.algorithm]}:${hash.value}`;
}
