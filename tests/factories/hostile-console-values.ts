import fc from 'fast-check';

/**
 * Hostile values for property-based tests (fast-check): what an attacker, a broken client or a
 * fuzzer sends instead of what a form would. Control characters (C0, DEL, C1, noncharacters),
 * lone surrogates, numbers beyond what Postgres or JavaScript holds, over-long strings, strings
 * that look like syntax, wrong types and deep nesting. Used by the console suite; the intake suite has its own (hostile-values.ts).
 */

/** One character the shared text rule (lib/security/text-rules.ts) refuses. */
export const forbiddenChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u007f', '\u0080', '\u0085', '\u009f', '\ufffe', '\uffff'),
);

/** One unpaired UTF-16 surrogate: not well-formed text, cannot be stored as UTF-8. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Invisible and direction-changing characters: legal text, but easy to mishandle. */
export const invisibleChar = fc.constantFrom('\u200b', '\u200d', '\u202e', '\u2066', '\u2069', '\ufeff', '\u00ad');

const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: forbiddenChar },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: invisibleChar },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Digits as text, many of them beyond Postgres' bigint (2^63 − 1) or JavaScript's safe integers. */
export const hugeNumberText = fc.oneof(
  fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom('9223372036854775807', '9223372036854775808', '9999999999999999999', '18446744073709551616', '-9223372036854775809', '0', '-1', '00', '1e309', '1e-400', 'Infinity', '-Infinity', 'NaN', '0x10', '1_000', '１２３'),
);

/** Strings that mean something to a parser, a database or a path. */
export const syntaxLikeText = fc.constantFrom(
  '', ' ', '\t', '%00', '%ED%A0%80', '%', '../../etc/passwd', "' OR 1=1 --", '"; DROP TABLE cases; --', '<script>alert(1)</script>', 'javascript:alert(1)',
  'data:text/plain;base64,AAAA', '#1', '#', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', 'toString', '\\', '//evil.example',
  '0000-00-00T00:00:00', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '9999-12-31T23:59', '2026-02-30', 'T', 'Z',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', 'TC-AAAA-AAAA', 'o1:1', 'bzE6OTk5OTk5OTk5OTk5OTk5OTk5OQ',
);

/** Longer than any field allows (up to 70,000 characters), sometimes with a hostile character inside. */
export const overlongText = fc
  .tuple(fc.integer({ min: 101, max: 70_000 }), fc.oneof(fc.constant(''), forbiddenChar, loneSurrogate))
  .map(([length, inner]) => `${'a'.repeat(length >> 1)}${inner}${'é'.repeat(length >> 1)}`);

/**
 * Ordinary-looking text with one refused character somewhere in it (the NUL-in-a-handle case). NUL
 * and lone surrogates weigh most: Postgres cannot store either, so they are what turns into a 500.
 */
export const taintedText = fc
  .tuple(
    fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
    fc.oneof({ weight: 2, arbitrary: fc.constant('\u0000') }, { weight: 2, arbitrary: loneSurrogate }, { weight: 1, arbitrary: forbiddenChar }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** Any hostile string. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: taintedText },
  { weight: 2, arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: hugeNumberText },
  { weight: 2, arbitrary: syntaxLikeText },
  { weight: 1, arbitrary: overlongText },
);

/** A value nested `depth` levels deep in arrays and objects. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 10, max: 2_000 }), hostileText)
  .map(([depth, leaf]) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  });

/** Any value of a wrong type: numbers, booleans, null, bigint, dates, arrays, objects, maps, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, values: [hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)] }) },
  { weight: 1, arbitrary: deeplyNested },
);

/** A URL query value as Next hands it to a page: absent, one string, or a repeated parameter. */
export const hostileQueryValue: fc.Arbitrary<string | string[] | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.array(hostileText, { minLength: 2, maxLength: 3 }) },
);

/** searchParams for a page: the given keys (and one unknown key) with hostile values. */
export function hostileSearchParams(keys: readonly string[]): fc.Arbitrary<Record<string, string | string[] | undefined>> {
  return fc.record(Object.fromEntries([...keys, 'unexpected'].map((k) => [k, hostileQueryValue])), { requiredKeys: [] });
}

/** Either a value that passes the field's schema (so the next field is reached) or a hostile one. */
export function validOrHostile<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: hostileText }, { weight: 1, arbitrary: hostileValue });
}
