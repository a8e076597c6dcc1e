import fc from 'fast-check';

/**
 * Hostile inputs for the property-based suites (tests/integration/hostile-*.property.test.ts):
 * what an attacker or a broken client sends instead of a report, a query parameter or a form field.
 * Every suite runs them with FIXED_SEED, so a failure reproduces exactly.
 */

export const FIXED_SEED = 20_261_130;

/** Characters the shared text rule refuses (lib/security/text-rules.ts): C0, DEL, C1, lone surrogates, noncharacters. */
export const FORBIDDEN_CHARACTERS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f', '\ud800', '\udbff', '\udc00', '\udfff', '\ufffe', '\uffff'] as const;

/** Schemes that must never be accepted as a link. */
export const NON_WEB_URLS = [
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk',
  'data:,hello',
  'DATA:text/html;charset=utf-8,<script>alert(1)</script>',
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  'blob:https://social.example/0b9c1e0e-1111-2222-3333-444455556666',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  'ftp://files.example/a.jpg',
  'about:blank',
] as const;

/** Text that carries media or a refused character somewhere inside otherwise ordinary text. */
export const refusedText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.oneof(fc.constantFrom(...FORBIDDEN_CHARACTERS), fc.constantFrom('data:image/png;base64,iVBORw0KGgo', 'see data:,x here')),
    fc.string({ maxLength: 20 }),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** A link that must be refused: another scheme, or a web link with a refused character in it. */
export const refusedUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NON_WEB_URLS),
  fc.constantFrom(...FORBIDDEN_CHARACTERS).map((c) => `https://social.example/p/${c}1`),
);

/** Numbers JSON can carry that break naive code: huge, tiny, beyond 2^53, beyond bigint. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 9_999_999_999_999_999_999, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Number literals as raw JSON text, which JSON.parse turns into Infinity or rounds. */
export const hostileNumberLiteral: fc.Arbitrary<string> = fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000000000001', '-0', '1E+308');

/** Strings of every kind: refused text, long text, any Unicode, text that looks like other types. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  refusedText,
  refusedUrl,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\t', '\n', 'null', 'true', '0', '9999999999999999999', '../../etc/passwd', '%00', '%ED%A0%80', '\u202egpj.exe', '<script>alert(1)</script>', "'; DROP TABLE reports; --", '@'.repeat(300)),
  fc.integer({ min: 1, max: 12_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value, nested a few levels, built from the hostile leaves above. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * A value nested up to 1,000 levels deep (arrays or objects), far deeper than any form of ours. (Deeper
 * still, up to what a 64 KiB body holds, is `deeplyNestedJson`: JSON.stringify itself would overflow.)
 */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 50, max: 1_000 }), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    // fast-check prints a counterexample recursively; this one would overflow the stack. (JSON ignores symbols.)
    Object.defineProperty(value, fc.toStringMethod, { value: () => `<${depth} levels of ${arrays ? 'arrays' : 'objects'}>` });
    return value;
  });

/** What to put where a value is expected: any hostile JSON, or something deeply nested. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 6, arbitrary: hostileJson }, { weight: 1, arbitrary: deeplyNested });

/** JSON text nested `depth` levels deep around `inner`, written directly (no recursion anywhere). */
export const deeplyNestedJson = (inner = '"bottom"'): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.boolean()).map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`,
  );
