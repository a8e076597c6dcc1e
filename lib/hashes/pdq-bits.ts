/**
 * PDQ hashes as eight 32-bit words (256 bits, most significant hex digit first), and the bit
 * arithmetic on them. Pure and allocation-free on the hot paths: the index verifies tens of
 * thousands of candidates per lookup.
 */

export const PDQ_WORDS = 8;
export const PDQ_BITS = 256;

/** Number of set bits in a 32-bit word (SWAR; no table, no allocation). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The value of one hex digit's character code, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87; // a-f
  return -1;
}

/**
 * Writes the 64 hex digits starting at `start` of `text` (a string or raw bytes) into
 * `out[offset .. offset+8)`. Returns false (leaving `out` partly written) when a digit is not hex.
 */
export function readPdqHex(text: string | Uint8Array, start: number, out: Uint32Array, offset: number): boolean {
  const isString = typeof text === 'string';
  for (let w = 0; w < PDQ_WORDS; w++) {
    let word = 0;
    for (let d = 0; d < 8; d++) {
      const at = start + w * 8 + d;
      const digit = hexDigit(isString ? text.charCodeAt(at) : text[at]!);
      if (digit < 0) return false;
      word = (word << 4) | digit;
    }
    out[offset + w] = word >>> 0;
  }
  return true;
}

/** A 64-hex-digit PDQ hash as eight words; throws on anything else (callers parse first). */
export function pdqWords(hex: string): Uint32Array {
  const out = new Uint32Array(PDQ_WORDS);
  if (hex.length !== 64 || !readPdqHex(hex, 0, out, 0)) throw new Error('A PDQ hash is 64 hex digits');
  return out;
}

/** Eight words back to 64 lower-case hex digits. */
export function pdqHex(words: Uint32Array, offset = 0): string {
  let hex = '';
  for (let w = 0; w < PDQ_WORDS; w++) hex += words[offset + w]!.toString(16).padStart(8, '0');
  return hex;
}

/** Hamming distance between the hash at `a[aOffset]` and the one at `b[bOffset]`. */
export function pdqDistanceWords(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let distance = 0;
  for (let w = 0; w < PDQ_WORDS; w++) distance += popcount32((a[aOffset + w]! ^ b[bOffset + w]!) >>> 0);
  return distance;
}

/** Hamming distance between two PDQ hashes written in hex. */
export function pdqDistance(hexA: string, hexB: string): number {
  return pdqDistanceWords(pdqWords(hexA), 0, pdqWords(hexB), 0);
}
