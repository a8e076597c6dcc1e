import { describe, expect, it } from 'vitest';
import { ZActionInputText } from '@/lib/auth/action-input';
import { plainText, ZBigintId } from '@/lib/http/params';

describe('ZBigintId (ids of bigint columns, from URLs and forms)', () => {
  it('accepts 1 to 2^63 − 1 and refuses everything Postgres could not compare with a bigint', () => {
    expect(ZBigintId.parse('1')).toBe(1n);
    expect(ZBigintId.parse('9223372036854775807')).toBe(9_223_372_036_854_775_807n);
    for (const bad of ['9223372036854775808', '9999999999999999999', '0', '-1', '1e3', '5e-324', '0x10', ' 1', '', '１']) {
      expect(ZBigintId.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('plainText (single-line text from a URL)', () => {
  it('refuses NUL, other control characters and lone surrogates; lets ordinary text through', () => {
    const schema = plainText();
    expect(schema.parse('moderator-7')).toBe('moderator-7');
    for (const bad of ['a\u0000', '\u001b[31m', 'a\nb', 'a\ud800b']) expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('ZActionInputText (every staff action input, before its own schema)', () => {
  it('names the field, however deep, that holds a NUL or a lone surrogate', () => {
    const result = ZActionInputText.safeParse({ caseId: 'x', input: { type: 'note', body: 'a\u0000b' }, list: ['ok', 'b\udc00'] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['input.body', 'list.1']);
  });

  it('lets multi-line text, numbers and ordinary values through', () => {
    expect(ZActionInputText.safeParse({ note: 'line one\nline\ttwo', n: 5, ok: true, none: null }).success).toBe(true);
  });

  it('refuses nesting deeper than any form of ours', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(ZActionInputText.safeParse(deep).success).toBe(false);
  });
});
