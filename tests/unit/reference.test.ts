import { describe, expect, it } from 'vitest';
import { newReference, parseReference, REFERENCE_ALPHABET, REFERENCE_PATTERN } from '@/lib/reports/reference';

describe('REFERENCE_ALPHABET', () => {
  it('has 30 distinct characters: digits 2-9 and letters without look-alikes', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(30);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(30);
    expect(REFERENCE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it('leaves out 0, O, 1, I, L and U', () => {
    for (const c of ['0', 'O', '1', 'I', 'L', 'U']) expect(REFERENCE_ALPHABET, c).not.toContain(c);
  });

  it('gives about 40 bits over 8 characters', () => {
    expect(8 * Math.log2(REFERENCE_ALPHABET.length)).toBeGreaterThan(39);
  });
});

describe('newReference', () => {
  it('has the form TC-XXXX-XXXX over the alphabet', () => {
    const ref = newReference();
    expect(ref).toMatch(/^TC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$/);
    expect(REFERENCE_PATTERN.test(ref)).toBe(true);
    expect(ref).toHaveLength(12);
  });

  it('never uses a forbidden character and round-trips through parseReference', () => {
    for (let i = 0; i < 2000; i++) {
      const ref = newReference();
      expect(ref.slice(3)).not.toMatch(/[01OILU]/);
      expect(parseReference(ref)).toBe(ref);
    }
  });

  it('gives 10,000 distinct references in 10,000 draws', () => {
    const refs = new Set(Array.from({ length: 10_000 }, () => newReference()));
    expect(refs.size).toBe(10_000);
  });

  it('uses every character of the alphabet in every position over many draws', () => {
    const seen = Array.from({ length: 8 }, () => new Set<string>());
    for (let i = 0; i < 10_000; i++) {
      const chars = newReference().slice(3).replace('-', '');
      [...chars].forEach((c, pos) => seen[pos]!.add(c));
    }
    for (const s of seen) expect(s.size).toBe(30);
  });
});

describe('REFERENCE_PATTERN', () => {
  it('accepts only the canonical form', () => {
    expect(REFERENCE_PATTERN.test('TC-7K4M-9QX2')).toBe(true);
    expect(REFERENCE_PATTERN.test('tc-7k4m-9qx2')).toBe(false);
    expect(REFERENCE_PATTERN.test('TC-7K4M9QX2')).toBe(false);
    expect(REFERENCE_PATTERN.test('TC-7K4M-9QX0')).toBe(false);
    expect(REFERENCE_PATTERN.test('xTC-7K4M-9QX2')).toBe(false);
    expect(REFERENCE_PATTERN.test('TC-7K4M-9QX2x')).toBe(false);
  });
});

describe('parseReference', () => {
  it('accepts the canonical form unchanged', () => {
    expect(parseReference('TC-7K4M-9QX2')).toBe('TC-7K4M-9QX2');
  });

  it('accepts lower case', () => {
    expect(parseReference('tc-7k4m-9qx2')).toBe('TC-7K4M-9QX2');
  });

  it('accepts spaces anywhere, including around the text', () => {
    expect(parseReference('  TC 7K4M 9QX2 ')).toBe('TC-7K4M-9QX2');
    expect(parseReference('tc - 7k4m - 9qx2')).toBe('TC-7K4M-9QX2');
    expect(parseReference('7K 4M 9Q X2\n')).toBe('TC-7K4M-9QX2');
  });

  it('accepts missing or misplaced dashes', () => {
    expect(parseReference('TC7K4M9QX2')).toBe('TC-7K4M-9QX2');
    expect(parseReference('TC-7K4M9QX2')).toBe('TC-7K4M-9QX2');
    expect(parseReference('TC-7K-4M-9Q-X2')).toBe('TC-7K4M-9QX2');
  });

  it('accepts a missing TC prefix', () => {
    expect(parseReference('7K4M-9QX2')).toBe('TC-7K4M-9QX2');
    expect(parseReference('7k4m9qx2')).toBe('TC-7K4M-9QX2');
  });

  // T and C are in the alphabet, so TC-TCAB-2345 is a reference newReference can produce (1 in 900).
  it('accepts a reference whose characters start with TC, with the prefix', () => {
    expect(parseReference('TC-TCAB-2345')).toBe('TC-TCAB-2345');
    expect(parseReference('TCTCAB2345')).toBe('TC-TCAB-2345');
  });

  it('accepts a reference whose characters start with TC, without the prefix', () => {
    expect(parseReference('TCAB-2345')).toBe('TC-TCAB-2345');
    expect(parseReference('tcab2345')).toBe('TC-TCAB-2345');
  });

  it('refuses the wrong length', () => {
    expect(parseReference('TC-7K4M-9QX')).toBeNull();
    expect(parseReference('TC-7K4M-9QX22')).toBeNull();
    expect(parseReference('7K4M9QX')).toBeNull();
    expect(parseReference('')).toBeNull();
    expect(parseReference('TC')).toBeNull();
    expect(parseReference('TC--')).toBeNull();
  });

  it('refuses forbidden characters rather than guessing', () => {
    for (const bad of ['TC-7K4M-9QX0', 'TC-OK4M-9QX2', 'TC-7K4M-1QX2', 'TC-7K4I-9QX2', 'TC-7K4L-9QX2', 'TC-7K4U-9QX2'])
      expect(parseReference(bad), bad).toBeNull();
  });

  it('refuses other punctuation and non-ASCII characters', () => {
    expect(parseReference('TC_7K4M_9QX2')).toBeNull();
    expect(parseReference('TC.7K4M.9QX2')).toBeNull();
    expect(parseReference('TC-7K4M-9QX!')).toBeNull();
    expect(parseReference('TC-7K4M-9QXÉ')).toBeNull();
  });

  it('refuses a different prefix', () => {
    expect(parseReference('XY-7K4M-9QX2')).toBeNull();
  });
});
