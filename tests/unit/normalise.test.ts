import { describe, expect, it } from 'vitest';
import {
  isValidHandle,
  normaliseAccount,
  normaliseHandle,
  normaliseUrlText,
  profileUrlParser,
} from '@/lib/reports/normalise';

describe('normaliseHandle', () => {
  it('trims surrounding whitespace', () => {
    expect(normaliseHandle('  alice \t\n')).toBe('alice');
  });

  it('case-folds', () => {
    expect(normaliseHandle('AliCE')).toBe('alice');
    expect(normaliseHandle('ÉLISE')).toBe('élise');
  });

  it('removes leading @ signs, however many', () => {
    expect(normaliseHandle('@alice')).toBe('alice');
    expect(normaliseHandle('@@alice')).toBe('alice');
    expect(normaliseHandle('  @Alice  ')).toBe('alice');
  });

  it('keeps an @ that is not leading', () => {
    expect(normaliseHandle('ali@ce')).toBe('ali@ce');
  });

  it('applies NFKC so that look-alike forms collapse', () => {
    // Full-width letters → ASCII.
    expect(normaliseHandle('ａｌｉｃｅ')).toBe('alice');
    // Decomposed e + combining acute → precomposed é.
    expect(normaliseHandle('e\u0301lise')).toBe('\u00e9lise');
    // Ligature ﬁ → fi.
    expect(normaliseHandle('ﬁona')).toBe('fiona');
  });

  it('removes a leading full-width @ (＠), which NFKC turns into @', () => {
    // Someone typing on a CJK keyboard: "＠alice" must be the same account as "@alice".
    expect(normaliseHandle('＠alice')).toBe('alice');
  });

  it('returns an empty string for a lone @', () => {
    expect(normaliseHandle(' @ ')).toBe('');
  });
});

describe('isValidHandle', () => {
  it('accepts letters, digits, dot, underscore and dash up to 64 characters', () => {
    expect(isValidHandle('alice_smith-99.x')).toBe(true);
    expect(isValidHandle('élise')).toBe(true);
    expect(isValidHandle('a'.repeat(64))).toBe(true);
  });

  it('refuses empty, too long, spaces, slashes and @', () => {
    expect(isValidHandle('')).toBe(false);
    expect(isValidHandle('a'.repeat(65))).toBe(false);
    expect(isValidHandle('al ice')).toBe(false);
    expect(isValidHandle('a/b')).toBe(false);
    expect(isValidHandle('@alice')).toBe(false);
  });
});

describe('profileUrlParser with https://social.example/@{handle}', () => {
  const parse = profileUrlParser('https://social.example/@{handle}');

  it('parses the canonical form', () => {
    expect(parse('https://social.example/@alice')).toBe('alice');
  });

  it('accepts http as well as https, and no scheme at all', () => {
    expect(parse('http://social.example/@alice')).toBe('alice');
    expect(parse('social.example/@alice')).toBe('alice');
  });

  it('accepts an optional www.', () => {
    expect(parse('https://www.social.example/@alice')).toBe('alice');
  });

  it('ignores the letter case of scheme and host, and case-folds the handle', () => {
    expect(parse('HTTPS://Social.EXAMPLE/@Alice')).toBe('alice');
  });

  it('accepts a trailing slash', () => {
    expect(parse('https://social.example/@alice/')).toBe('alice');
  });

  it('ignores a query and a fragment', () => {
    expect(parse('https://social.example/@alice?ref=share')).toBe('alice');
    expect(parse('https://social.example/@alice#posts')).toBe('alice');
    expect(parse('https://social.example/@alice/?a=1#b')).toBe('alice');
  });

  it('trims surrounding whitespace', () => {
    expect(parse('  https://social.example/@alice \n')).toBe('alice');
  });

  it('returns null for other hosts', () => {
    expect(parse('https://other.example/@alice')).toBeNull();
    expect(parse('https://evil.social.example/@alice')).toBeNull();
    expect(parse('https://social.example.evil.com/@alice')).toBeNull();
    expect(parse('https://socialXexample/@alice')).toBeNull();
  });

  it('returns null for other paths on the same host', () => {
    expect(parse('https://social.example/alice')).toBeNull();
    expect(parse('https://social.example/@alice/posts/123')).toBeNull();
    expect(parse('https://social.example/@alice//')).toBeNull();
    expect(parse('https://social.example/users/@alice')).toBeNull();
    expect(parse('https://social.example/@')).toBeNull();
    expect(parse('https://social.example/@/')).toBeNull();
  });

  it('returns null for other schemes', () => {
    expect(parse('ftp://social.example/@alice')).toBeNull();
    expect(parse('javascript:social.example/@alice')).toBeNull();
  });

  it('decodes percent-encoding and normalises the result', () => {
    expect(parse('https://social.example/@%C3%89lise')).toBe('élise');
    // Decomposed form, percent-encoded: e + U+0301 → NFKC → é.
    expect(parse('https://social.example/@e%CC%81lise')).toBe('\u00e9lise');
  });

  it('returns null for malformed percent-encoding instead of throwing', () => {
    expect(parse('https://social.example/@%E0%A4%A')).toBeNull();
    expect(parse('https://social.example/@%ZZ')).toBeNull();
  });

  it('returns null when the decoded handle is not a valid handle', () => {
    expect(parse('https://social.example/@a%2Fb')).toBeNull();
    expect(parse('https://social.example/@al%20ice')).toBeNull();
    expect(parse(`https://social.example/@${'a'.repeat(65)}`)).toBeNull();
    expect(parse('https://social.example/@<script>')).toBeNull();
  });

  it('accepts the longest valid handle', () => {
    expect(parse(`https://social.example/@${'a'.repeat(64)}`)).toBe('a'.repeat(64));
  });
});

describe('profileUrlParser with the handle in the middle of the path', () => {
  const parse = profileUrlParser('https://x.example/u/{handle}/profile');

  it('parses the handle between the fixed parts', () => {
    expect(parse('https://x.example/u/Bob_1/profile')).toBe('bob_1');
    expect(parse('http://www.x.example/u/bob/profile/')).toBe('bob');
    expect(parse('https://x.example/u/bob/profile?tab=posts')).toBe('bob');
  });

  it('returns null when the suffix is missing or different', () => {
    expect(parse('https://x.example/u/bob')).toBeNull();
    expect(parse('https://x.example/u/bob/')).toBeNull();
    expect(parse('https://x.example/u/bob/posts')).toBeNull();
    expect(parse('https://x.example/u/bob/profile/extra')).toBeNull();
  });

  it('does not let the handle span path segments', () => {
    expect(parse('https://x.example/u/a/b/profile')).toBeNull();
  });

  it('treats template dots literally', () => {
    expect(parse('https://xXexample/u/bob/profile')).toBeNull();
  });
});

describe('profileUrlParser with a www. template', () => {
  it('accepts the URL with or without www.', () => {
    const parse = profileUrlParser('http://www.social.example/@{handle}');
    expect(parse('https://social.example/@alice')).toBe('alice');
    expect(parse('https://www.social.example/@alice')).toBe('alice');
  });
});

describe('normaliseUrlText', () => {
  it('lower-cases scheme and host only, and trims', () => {
    expect(normaliseUrlText('  HTTPS://Social.Example/@Alice?Q=1 ')).toBe('https://social.example/@Alice?Q=1');
  });

  it('leaves text without a scheme unchanged apart from trimming', () => {
    expect(normaliseUrlText(' Social.Example/@Alice ')).toBe('Social.Example/@Alice');
  });
});

describe('normaliseAccount', () => {
  const parse = profileUrlParser('https://social.example/@{handle}');

  it('keys by handle first, even when an ID and URL are given', () => {
    expect(
      normaliseAccount(
        { handle: ' @Alice ', platformAccountId: ' 12345 ', profileUrl: 'https://social.example/@bob' },
        parse,
      ),
    ).toEqual({
      accountKey: 'handle:alice',
      handle: 'alice',
      platformAccountId: '12345',
      profileUrl: 'https://social.example/@bob',
    });
  });

  it('parses the handle from a profile URL when no handle is given', () => {
    expect(normaliseAccount({ profileUrl: 'HTTPS://Social.Example/@Alice/' }, parse)).toEqual({
      accountKey: 'handle:alice',
      handle: 'alice',
      platformAccountId: null,
      profileUrl: 'https://social.example/@Alice/',
    });
  });

  it('gives the same key for a handle and a profile URL of the same account', () => {
    const byHandle = normaliseAccount({ handle: '@ALICE' }, parse);
    const byUrl = normaliseAccount({ profileUrl: 'www.social.example/@alice?x=1' }, parse);
    expect(byHandle?.accountKey).toBe('handle:alice');
    expect(byUrl?.accountKey).toBe(byHandle?.accountKey);
  });

  it('prefers a URL-derived handle over the platform account ID', () => {
    expect(
      normaliseAccount({ profileUrl: 'https://social.example/@carol', platformAccountId: '42' }, parse)?.accountKey,
    ).toBe('handle:carol');
  });

  it('falls back to the platform account ID, trimmed, case kept', () => {
    expect(normaliseAccount({ platformAccountId: '  AbC-42 ' }, parse)).toEqual({
      accountKey: 'id:AbC-42',
      handle: null,
      platformAccountId: 'AbC-42',
      profileUrl: null,
    });
  });

  it('uses the ID rather than an unparseable URL', () => {
    expect(
      normaliseAccount({ profileUrl: 'https://elsewhere.example/alice', platformAccountId: '7' }, parse),
    ).toMatchObject({ accountKey: 'id:7', handle: null, profileUrl: 'https://elsewhere.example/alice' });
  });

  it('falls back to the lower-cased URL when nothing else identifies the account', () => {
    expect(normaliseAccount({ profileUrl: ' https://Elsewhere.example/Alice ' }, parse)).toEqual({
      accountKey: 'url:https://elsewhere.example/alice',
      handle: null,
      platformAccountId: null,
      profileUrl: 'https://elsewhere.example/Alice',
    });
  });

  it('ignores blank values', () => {
    expect(
      normaliseAccount({ handle: '   ', platformAccountId: ' ', profileUrl: 'https://social.example/@dave' }, parse)
        ?.accountKey,
    ).toBe('handle:dave');
  });

  it('treats a handle of just "@" as absent', () => {
    expect(normaliseAccount({ handle: '@', platformAccountId: '9' }, parse)?.accountKey).toBe('id:9');
  });

  it('returns null when there is nothing to identify the account', () => {
    expect(normaliseAccount({}, parse)).toBeNull();
    expect(normaliseAccount({ handle: ' ', profileUrl: '', platformAccountId: '\t' }, parse)).toBeNull();
  });

  it('uses the parser it is given', () => {
    const always = () => 'fixed';
    expect(normaliseAccount({ profileUrl: 'anything' }, always)?.accountKey).toBe('handle:fixed');
  });
});
