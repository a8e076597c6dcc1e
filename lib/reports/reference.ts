import { randomInt } from 'node:crypto';

/**
 * Report references like `TC-7K4M-9QX2`: 8 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L, U), about 40 bits, so a reference cannot be guessed to look up someone else's.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export const REFERENCE_PATTERN = new RegExp(`^TC-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`);

export function newReference(): string {
  let chars = '';
  for (let i = 0; i < 8; i++) chars += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `TC-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Accepts what people type back: any case, spaces, with or without dashes and the TC prefix. */
export function parseReference(input: string): string | null {
  let compact = input.toUpperCase().replace(/[\s-]/g, '');
  // Only a 10-character string carries the prefix: T and C are in the alphabet, so `TCAB2345` is a bare code.
  if (compact.length === 10 && compact.startsWith('TC')) compact = compact.slice(2);
  if (compact.length !== 8) return null;
  const reference = `TC-${compact.slice(0, 4)}-${compact.slice(4)}`;
  return REFERENCE_PATTERN.test(reference) ? reference : null;
}
