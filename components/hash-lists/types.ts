import type { StaffActionResult } from '@/components/staff/types';

export type { HashListImportRow, HashListRow } from '@/lib/hashes/list-hash-lists';
export type { StaffActionResult };

/** How each algorithm is written on the page (the same names lib/hashes/parse-hash.ts accepts). */
export const ALGORITHM_NAMES = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', photodna: 'PhotoDNA', pdq: 'PDQ' } as const;
