import { describe, expect, it } from 'vitest';
import { evidenceOf, identityKey, IP_LINK_DETAIL, linkDetail, normaliseMediaHash } from '@/lib/networks/evidence';
import { extractMentionedHandles, MENTIONS_MAX } from '@/lib/networks/mentions';
import { normaliseContentUrl } from '@/lib/networks/normalise-content-url';
import { profileUrlParser } from '@/lib/reports/normalise';

const parseProfileUrl = profileUrlParser('https://social.example/@{handle}');
const mentions = (text: string, own: string | null = null) => extractMentionedHandles(text, parseProfileUrl, own);

describe('normaliseContentUrl', () => {
  it.each([
    ['HTTPS://WWW.Example.COM:443/a/b/', 'https://example.com/a/b'],
    ['http://example.com/a', 'https://example.com/a'],
    ['https://example.com:80/a', 'https://example.com:80/a'],
    ['http://example.com:80/a', 'https://example.com/a'],
    ['https://example.com:8080/a', 'https://example.com:8080/a'],
    ['https://example.com/a#frag', 'https://example.com/a'],
    ['https://example.com/a?utm_source=x&utm_medium=y&fbclid=abc&gclid=1&id=7', 'https://example.com/a?id=7'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com/', 'https://example.com'],
    ['https://user:secret@example.com/a', 'https://example.com/a'],
    ['https://example.com/x/../a/./b', 'https://example.com/a/b'],
    ['https://example.com/%7Euser', 'https://example.com/~user'],
    ['https://bücher.example/a', 'https://xn--bcher-kva.example/a'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseContentUrl(input)).toBe(expected);
  });

  it('keeps the case of the path and query values (servers treat them as different)', () => {
    expect(normaliseContentUrl('https://example.com/File?Q=Value')).toBe('https://example.com/File?Q=Value');
  });

  it('makes links that open the same content equal, and different content different', () => {
    const same = ['https://www.example.com/p/1?utm_campaign=z#top', 'http://EXAMPLE.com/p/1/', 'https://example.com/p/1'];
    expect(new Set(same.map(normaliseContentUrl)).size).toBe(1);
    expect(normaliseContentUrl('https://example.com/p/1')).not.toBe(normaliseContentUrl('https://example.com/p/2'));
    expect(normaliseContentUrl('https://example.com/p?id=1')).not.toBe(normaliseContentUrl('https://example.com/p?id=2'));
  });

  it('refuses what is not an http(s) link', () => {
    expect(normaliseContentUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseContentUrl('example.com/a')).toBeNull();
    expect(normaliseContentUrl('https://')).toBeNull();
  });
});

describe('extractMentionedHandles', () => {
  it('reads @mentions, normalised as handles are', () => {
    expect(mentions('He now posts as @Walk_Danger and @other.one, see also ＠Full')).toEqual(['walk_danger', 'other.one', 'full']);
  });

  it('drops sentence punctuation after a mention and duplicates', () => {
    expect(mentions('Ask @bob. Then @bob... and @BOB!')).toEqual(['bob']);
  });

  it('does not read e-mail addresses or words glued to an @ as mentions', () => {
    expect(mentions('mail someone@example.com or a@b, price 5@10')).toEqual([]);
  });

  it('reads profile links of the platform, and not other sites’ @paths', () => {
    expect(mentions('profile: https://social.example/@ring_member/ and social.example/@second')).toEqual(['ring_member', 'second']);
    expect(mentions('elsewhere: https://other.example/@notours')).toEqual([]);
  });

  it('leaves out the reported account itself and bare words', () => {
    expect(mentions('I am @self, also known as alias', 'self')).toEqual([]);
  });

  it('reads at most MENTIONS_MAX handles', () => {
    const text = Array.from({ length: 50 }, (_, i) => `@user${i}`).join(' ');
    expect(mentions(text)).toHaveLength(MENTIONS_MAX);
  });
});

describe('normaliseMediaHash', () => {
  it('reads known algorithms as the hash lists do, and folds others by name and hex case', () => {
    expect(normaliseMediaHash('MD5:9E107D9D372BB6826BD81D3542A419D6')).toBe('MD5:9e107d9d372bb6826bd81d3542a419d6');
    expect(normaliseMediaHash('sha-1:' + 'AB'.repeat(20))).toBe('SHA-1:' + 'ab'.repeat(20));
    expect(normaliseMediaHash('SHA512:ABCDEF0123')).toBe('sha512:abcdef0123');
    expect(normaliseMediaHash('XHASH:AbC+/dEf')).toBe('xhash:AbC+/dEf');
    expect(normaliseMediaHash('nohash')).toBeNull();
  });
});

describe('evidenceOf', () => {
  const secret = 'unit-test-secret-0123456789-0123456789';
  const base = { platform: 'example-social', handle: 'alpha', platformAccountId: null, description: '', contentUrls: [], mediaHashes: [] };

  it('keys every item with a keyed hash and never keeps an IP address', () => {
    const items = evidenceOf(
      {
        ...base,
        contentUrls: ['https://www.example.com/x?utm_source=a', 'http://example.com/x'],
        mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6'],
        description: 'also @beta',
        platformContext: {
          ipCaptureEvents: [{ ipAddress: '203.0.113.9', eventName: 'Login', dateTime: '2026-01-01T00:00:00Z' }, { ipAddress: '::ffff:203.0.113.9' }],
          replacesAccount: { handle: '@Old_Alpha', platformAccountId: '991' },
        },
      },
      { secret, parseProfileUrl },
    );
    expect(items.map((i) => i.kind).sort()).toEqual([
      'mentioned_handle',
      'replaced_account',
      'replaced_account',
      'shared_content_url',
      'shared_ip_hash',
      'shared_media_hash',
    ]);
    const text = JSON.stringify(items);
    expect(text).not.toContain('203.0.113');
    expect(items.find((i) => i.kind === 'shared_ip_hash')!.display).toBeNull();
    expect(items.find((i) => i.kind === 'shared_content_url')!.display).toBe('https://example.com/x');
    expect(items.filter((i) => i.kind === 'replaced_account').map((i) => i.display)).toEqual(['@old_alpha', 'account ID 991']);
    // A mention and the account it names share one identity key.
    expect(items.find((i) => i.kind === 'mentioned_handle')!.key).toBe(identityKey(secret, 'example-social', { by: 'handle', value: 'beta' }));
  });

  it('describes a link without ever naming an IP address', () => {
    expect(linkDetail('shared_ip_hash', null)).toBe(IP_LINK_DETAIL);
    expect(linkDetail('mentioned_handle', '@beta')).toBe('mentions @beta');
    expect(linkDetail('replaced_account', '@old')).toBe('replaces @old');
    expect(linkDetail('shared_content_url', 'https://example.com/x')).toBe('https://example.com/x');
  });
});
