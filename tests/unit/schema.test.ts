import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CONTENT_URL_MAX_LENGTH,
  CONTENT_URLS_MAX,
  DESCRIPTION_MAX,
  MEDIA_HASHES_MAX,
  toFieldIssues,
  ZReportInput,
} from '@/lib/reports/schema';

const minimal = { account: { handle: 'alice' }, category: 'other_abuse' } as const;

function issuesOf(input: unknown) {
  const result = ZReportInput.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return toFieldIssues(result.error);
}

function parsed(input: unknown) {
  const result = ZReportInput.safeParse(input);
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(toFieldIssues(result.error))}`);
  return result.data;
}

const ipEvent = (overrides: Record<string, unknown> = {}) => ({
  ipAddress: '203.0.113.7',
  dateTime: '2025-03-04T05:06:07Z',
  ...overrides,
});

describe('ZReportInput: a minimal report', () => {
  it('is accepted and gets the documented defaults', () => {
    expect(parsed(minimal)).toEqual({
      account: { handle: 'alice' },
      category: 'other_abuse',
      dangerNow: false,
      description: '',
      contentUrls: [],
      reporter: {},
      mediaHashes: [],
    });
  });

  it('has no platformContext unless given', () => {
    expect(parsed(minimal).platformContext).toBeUndefined();
  });

  it('keeps dangerNow when given', () => {
    expect(parsed({ ...minimal, dangerNow: true }).dangerNow).toBe(true);
  });

  it('refuses a dangerNow that is not a boolean', () => {
    expect(issuesOf({ ...minimal, dangerNow: 'on' }).map((i) => i.path)).toEqual(['dangerNow']);
  });

  it('accepts every category and refuses an unknown one with a plain message', () => {
    for (const category of [
      'child_sexual_imagery',
      'grooming',
      'trafficking',
      'sextortion',
      'obscene_material_to_child',
      'other_child_harm',
      'other_abuse',
    ]) {
      expect(parsed({ ...minimal, category }).category).toBe(category);
    }
    expect(issuesOf({ ...minimal, category: 'spam' })).toEqual([
      { path: 'category', message: 'Choose what is happening' },
    ]);
    expect(issuesOf({ account: { handle: 'a' } })).toEqual([{ path: 'category', message: 'Choose what is happening' }]);
    expect(issuesOf({ ...minimal, category: '' })).toEqual([{ path: 'category', message: 'Choose what is happening' }]);
  });

  it('trims text fields', () => {
    const report = parsed({
      account: { handle: '  alice  ', platformAccountId: ' 42 ', profileUrl: ' https://x.example/a ' },
      category: 'grooming',
      description: '  what happened  \n',
      contentUrls: ['  https://x.example/post/1  '],
    });
    expect(report.account).toEqual({ handle: 'alice', platformAccountId: '42', profileUrl: 'https://x.example/a' });
    expect(report.description).toBe('what happened');
    expect(report.contentUrls).toEqual(['https://x.example/post/1']);
  });
});

describe('ZReportInput: account', () => {
  const message = 'Tell us which account: a username, a profile link or an account ID';

  it('accepts any one identifier', () => {
    expect(parsed({ ...minimal, account: { handle: 'a' } }).account).toEqual({ handle: 'a' });
    expect(parsed({ ...minimal, account: { profileUrl: 'https://x.example/a' } }).account).toEqual({
      profileUrl: 'https://x.example/a',
    });
    expect(parsed({ ...minimal, account: { platformAccountId: '123' } }).account).toEqual({ platformAccountId: '123' });
  });

  it('needs at least one identifier, reported on the path "account"', () => {
    expect(issuesOf({ ...minimal, account: {} })).toEqual([{ path: 'account', message }]);
  });

  it('treats blank identifiers as absent', () => {
    expect(issuesOf({ ...minimal, account: { handle: '   ', profileUrl: '', platformAccountId: '\t' } })).toEqual([
      { path: 'account', message },
    ]);
  });

  it('is required', () => {
    const issues = issuesOf({ category: 'other_abuse' });
    expect(issues.map((i) => i.path)).toEqual(['account']);
  });

  it('limits the handle to 100 characters', () => {
    expect(parsed({ ...minimal, account: { handle: 'h'.repeat(100) } }).account.handle).toHaveLength(100);
    expect(issuesOf({ ...minimal, account: { handle: 'h'.repeat(101) } })).toEqual([
      { path: 'account.handle', message: 'Handle must be at most 100 characters' },
    ]);
  });

  it('limits the profile URL to 2083 characters', () => {
    const url = (n: number) => `https://x.example/${'a'.repeat(n - 'https://x.example/'.length)}`;
    expect(parsed({ ...minimal, account: { profileUrl: url(CONTENT_URL_MAX_LENGTH) } }).account.profileUrl).toHaveLength(
      2083,
    );
    expect(issuesOf({ ...minimal, account: { profileUrl: url(CONTENT_URL_MAX_LENGTH + 1) } })).toEqual([
      { path: 'account.profileUrl', message: 'Profile URL must be at most 2083 characters' },
    ]);
  });

  it('limits the account ID to 200 characters', () => {
    expect(issuesOf({ ...minimal, account: { platformAccountId: '9'.repeat(201) } })).toEqual([
      { path: 'account.platformAccountId', message: 'Account ID must be at most 200 characters' },
    ]);
  });

  it('refuses unknown keys in account', () => {
    const issues = issuesOf({ ...minimal, account: { handle: 'a', username: 'a' } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('account');
    expect(issues[0]?.message).toContain('username');
  });
});

describe('ZReportInput: limits', () => {
  it('accepts a description of 5000 characters and refuses 5001', () => {
    expect(DESCRIPTION_MAX).toBe(5000);
    expect(parsed({ ...minimal, description: 'd'.repeat(5000) }).description).toHaveLength(5000);
    expect(issuesOf({ ...minimal, description: 'd'.repeat(5001) })).toEqual([
      { path: 'description', message: 'The description must be at most 5000 characters' },
    ]);
  });

  it('accepts 10 links and refuses 11', () => {
    expect(CONTENT_URLS_MAX).toBe(10);
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://x.example/p/${i}`);
    expect(parsed({ ...minimal, contentUrls: links(10) }).contentUrls).toEqual(links(10));
    expect(issuesOf({ ...minimal, contentUrls: links(11) })).toEqual([
      { path: 'contentUrls', message: 'At most 10 links' },
    ]);
  });

  it('accepts a link of 2083 characters and refuses 2084, naming its index', () => {
    expect(CONTENT_URL_MAX_LENGTH).toBe(2083);
    const ok = 'https://x.example/' + 'a'.repeat(2083 - 18);
    expect(ok).toHaveLength(2083);
    expect(parsed({ ...minimal, contentUrls: [ok] }).contentUrls).toEqual([ok]);
    expect(issuesOf({ ...minimal, contentUrls: [ok, ok + 'a'] })).toEqual([
      { path: 'contentUrls.1', message: 'A link must be at most 2083 characters' },
    ]);
  });

  it('measures link length after trimming', () => {
    const ok = 'https://x.example/' + 'a'.repeat(2083 - 18);
    expect(parsed({ ...minimal, contentUrls: [`  ${ok}  `] }).contentUrls).toEqual([ok]);
  });

  it('refuses an empty or blank link', () => {
    expect(issuesOf({ ...minimal, contentUrls: ['https://x.example/1', '   '] })).toEqual([
      { path: 'contentUrls.1', message: 'A link cannot be empty' },
    ]);
  });

  it('accepts 100 media hashes and refuses 101', () => {
    expect(MEDIA_HASHES_MAX).toBe(100);
    const hashes = (n: number) => Array.from({ length: n }, (_, i) => `MD5:${i.toString().padStart(32, '0')}`);
    expect(parsed({ ...minimal, mediaHashes: hashes(100) }).mediaHashes).toHaveLength(100);
    expect(issuesOf({ ...minimal, mediaHashes: hashes(101) })).toEqual([
      { path: 'mediaHashes', message: 'At most 100 media hashes' },
    ]);
  });
});

describe('ZReportInput: unknown keys', () => {
  it('refuses an unknown top-level key rather than dropping it', () => {
    const issues = issuesOf({ ...minimal, categroy: 'grooming' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('(root)');
    expect(issues[0]?.message).toContain('categroy');
  });

  it('refuses an unknown key in reporter', () => {
    const issues = issuesOf({ ...minimal, reporter: { mail: 'a@b.example' } });
    expect(issues.map((i) => i.path)).toEqual(['reporter']);
    expect(issues[0]?.message).toContain('mail');
  });

  it('refuses an unknown key in platformContext (a platform typo must be an error)', () => {
    const result = ZReportInput.safeParse({ ...minimal, platformContext: { countrycode: 'GB' } });
    expect(result.success).toBe(false);
  });

  it('refuses an unknown key in an IP capture event', () => {
    const result = ZReportInput.safeParse({
      ...minimal,
      platformContext: { ipCaptureEvents: [ipEvent({ ip_port: 443 })] },
    });
    expect(result.success).toBe(false);
  });
});

describe('ZReportInput: reporter', () => {
  it('defaults to an empty object', () => {
    expect(parsed(minimal).reporter).toEqual({});
  });

  it('treats a blank e-mail and country as absent', () => {
    expect(parsed({ ...minimal, reporter: { email: '', country: '   ' } }).reporter).toEqual({});
  });

  it('accepts and trims a valid e-mail', () => {
    expect(parsed({ ...minimal, reporter: { email: '  kim@mail.example ' } }).reporter.email).toBe('kim@mail.example');
  });

  it('refuses an invalid e-mail with a plain message', () => {
    for (const email of ['not-an-email', 'a@', '@b.example', 'a b@c.example']) {
      expect(issuesOf({ ...minimal, reporter: { email } })).toEqual([
        { path: 'reporter.email', message: 'Enter a valid e-mail address' },
      ]);
    }
  });

  it('refuses an e-mail longer than 254 characters', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(185)}.example`;
    expect(email.length).toBe(258);
    expect(issuesOf({ ...minimal, reporter: { email } }).map((i) => i.path)).toEqual(['reporter.email']);
  });

  it('upper-cases and accepts an ISO country code', () => {
    expect(parsed({ ...minimal, reporter: { country: ' gb ' } }).reporter.country).toBe('GB');
    expect(parsed({ ...minimal, reporter: { country: 'DE' } }).reporter.country).toBe('DE');
  });

  it('refuses anything but an ISO 3166 alpha-2 code', () => {
    for (const country of ['XX', 'GBR', 'G', 'United Kingdom', '12']) {
      expect(issuesOf({ ...minimal, reporter: { country } })).toEqual([
        { path: 'reporter.country', message: 'Choose a country from the list (ISO 3166 two-letter code)' },
      ]);
    }
  });

  it('accepts a platform user ID', () => {
    expect(parsed({ ...minimal, reporter: { platformUserId: ' u-1 ' } }).reporter).toEqual({ platformUserId: 'u-1' });
  });
});

describe('ZReportInput: media hashes', () => {
  it('accepts ALG:value hashes, trimmed', () => {
    expect(
      parsed({
        ...minimal,
        mediaHashes: [' MD5:9e107d9d372bb6826bd81d3542a419d6 ', 'PDNA:AbC+/=_-12345678', 'sha_256:abcdefgh'],
      }).mediaHashes,
    ).toEqual(['MD5:9e107d9d372bb6826bd81d3542a419d6', 'PDNA:AbC+/=_-12345678', 'sha_256:abcdefgh']);
  });

  it('refuses hashes that are not ALG:value', () => {
    const message = 'A media hash is written ALG:value, e.g. MD5:9e107d9d…';
    for (const hash of [
      '9e107d9d372bb6826bd81d3542a419d6', // no algorithm
      'M:9e107d9d372bb682', // algorithm too short
      'A'.repeat(21) + ':9e107d9d372bb682', // algorithm too long
      'MD5:1234567', // value too short
      'MD5 :9e107d9d372bb682', // space
      'MD5:9e107d9d 372bb682', // space in the value
      'MD5:9e107d9d:372bb682', // second colon
    ]) {
      expect(issuesOf({ ...minimal, mediaHashes: [hash] }), hash).toEqual([{ path: 'mediaHashes.0', message }]);
    }
  });

  it('refuses a hash longer than 2048 characters', () => {
    const issues = issuesOf({ ...minimal, mediaHashes: [`MD5:${'a'.repeat(2045)}`] });
    expect(issues).toContainEqual({ path: 'mediaHashes.0', message: 'A media hash must be at most 2048 characters' });
  });
});

describe('ZReportInput: platformContext', () => {
  const withEvents = (...events: unknown[]) => ({ ...minimal, platformContext: { ipCaptureEvents: events } });

  it('accepts IPv4 and IPv6 addresses and defaults eventName to Unknown', () => {
    const report = parsed(
      withEvents(ipEvent(), ipEvent({ ipAddress: '2001:db8::1', eventName: 'Login', port: 443 })),
    );
    expect(report.platformContext?.ipCaptureEvents).toEqual([
      { ipAddress: '203.0.113.7', dateTime: '2025-03-04T05:06:07Z', eventName: 'Unknown' },
      { ipAddress: '2001:db8::1', dateTime: '2025-03-04T05:06:07Z', eventName: 'Login', port: 443 },
    ]);
  });

  it('refuses something that is not an IP address', () => {
    for (const ipAddress of ['256.1.1.1', '1.2.3', 'example.com', '2001:db8:::1', '']) {
      expect(issuesOf(withEvents(ipEvent({ ipAddress }))), ipAddress).toEqual([
        { path: 'platformContext.ipCaptureEvents.0.ipAddress', message: 'ipAddress must be an IPv4 or IPv6 address' },
      ]);
    }
  });

  it('accepts ports 0 and 65535 and refuses -1, 65536 and fractions', () => {
    expect(parsed(withEvents(ipEvent({ port: 0 }), ipEvent({ port: 65535 }))).platformContext?.ipCaptureEvents).toHaveLength(2);
    for (const port of [-1, 65536, 80.5, '443']) {
      expect(issuesOf(withEvents(ipEvent({ port }))).map((i) => i.path), String(port)).toEqual([
        'platformContext.ipCaptureEvents.0.port',
      ]);
    }
  });

  it('accepts ISO datetimes with Z or an offset', () => {
    const events = parsed(
      withEvents(
        ipEvent({ dateTime: '2025-03-04T05:06:07Z' }),
        ipEvent({ dateTime: '2025-03-04T05:06:07.123+02:00' }),
        ipEvent({ dateTime: '2025-03-04T05:06:07-05:30' }),
      ),
    ).platformContext?.ipCaptureEvents;
    expect(events?.map((e) => e.dateTime)).toEqual([
      '2025-03-04T05:06:07Z',
      '2025-03-04T05:06:07.123+02:00',
      '2025-03-04T05:06:07-05:30',
    ]);
  });

  it('refuses datetimes without a zone or not ISO', () => {
    for (const dateTime of ['2025-03-04T05:06:07', '2025-03-04', '04/03/2025 05:06', 'yesterday']) {
      expect(issuesOf(withEvents(ipEvent({ dateTime }))), dateTime).toEqual([
        {
          path: 'platformContext.ipCaptureEvents.0.dateTime',
          message: 'dateTime must be ISO 8601 with Z or an offset',
        },
      ]);
    }
  });

  it('refuses an unknown eventName', () => {
    expect(issuesOf(withEvents(ipEvent({ eventName: 'Logout' }))).map((i) => i.path)).toEqual([
      'platformContext.ipCaptureEvents.0.eventName',
    ]);
  });

  it('accepts at most 100 IP capture events', () => {
    expect(parsed(withEvents(...Array.from({ length: 100 }, () => ipEvent()))).platformContext?.ipCaptureEvents).toHaveLength(100);
    expect(issuesOf(withEvents(...Array.from({ length: 101 }, () => ipEvent()))).map((i) => i.path)).toEqual([
      'platformContext.ipCaptureEvents',
    ]);
  });

  it('upper-cases the country code and treats a blank display name as absent', () => {
    expect(
      parsed({ ...minimal, platformContext: { countryCode: 'fr', displayName: '  ' } }).platformContext,
    ).toEqual({ countryCode: 'FR' });
    expect(issuesOf({ ...minimal, platformContext: { countryCode: 'ZZ' } }).map((i) => i.path)).toEqual([
      'platformContext.countryCode',
    ]);
  });

  it('limits the display name to 200 characters', () => {
    expect(issuesOf({ ...minimal, platformContext: { displayName: 'n'.repeat(201) } })).toEqual([
      { path: 'platformContext.displayName', message: 'Display name must be at most 200 characters' },
    ]);
  });
});

describe('toFieldIssues', () => {
  it('joins nested paths with dots, array indices included', () => {
    const issues = issuesOf({
      account: { handle: 'h'.repeat(101) },
      category: 'nope',
      contentUrls: ['ok', ''],
      platformContext: { ipCaptureEvents: [ipEvent(), ipEvent({ port: 70000 })] },
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'account.handle',
      'category',
      'contentUrls.1',
      'platformContext.ipCaptureEvents.1.port',
    ]);
  });

  it('names an issue on the whole input "(root)"', () => {
    expect(issuesOf('not an object')).toEqual([{ path: '(root)', message: expect.any(String) }]);
  });

  it('keeps the message of each issue', () => {
    const error = new z.ZodError([
      { code: 'custom', path: ['a', 0, 'b'], message: 'first', input: undefined },
      { code: 'custom', path: [], message: 'second', input: undefined },
    ]);
    expect(toFieldIssues(error)).toEqual([
      { path: 'a.0.b', message: 'first' },
      { path: '(root)', message: 'second' },
    ]);
  });
});

describe('ZReportInput: the shared text rule on every text field (issue 9 req 3, issue 10 req 4)', () => {
  const fields: { path: string; input: (v: string) => unknown }[] = [
    { path: 'account.handle', input: (v) => ({ ...minimal, account: { handle: `a${v}b` } }) },
    { path: 'account.profileUrl', input: (v) => ({ ...minimal, account: { profileUrl: `https://x.example/a${v}b` } }) },
    { path: 'account.platformAccountId', input: (v) => ({ ...minimal, account: { handle: 'a', platformAccountId: `1${v}2` } }) },
    { path: 'description', input: (v) => ({ ...minimal, description: `what${v}happened` }) },
    { path: 'contentUrls.1', input: (v) => ({ ...minimal, contentUrls: ['https://x.example/1', `https://x.example/${v}`] }) },
    { path: 'reporter.email', input: (v) => ({ ...minimal, reporter: { email: `kim${v}@mail.example` } }) },
    { path: 'reporter.platformUserId', input: (v) => ({ ...minimal, reporter: { platformUserId: `u${v}1` } }) },
    { path: 'platformContext.displayName', input: (v) => ({ ...minimal, platformContext: { displayName: `Bad${v}Actor` } }) },
    { path: 'mediaHashes.0', input: (v) => ({ ...minimal, mediaHashes: [`MD5:9e107d9d372bb68${v}26bd81d3542a419d6`] }) },
  ];

  it.each(['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff'])('refuses %j in every field, naming the field', (bad) => {
    for (const field of fields) {
      const issues = issuesOf(field.input(bad));
      expect(issues.map((i) => i.path), `${field.path} with ${JSON.stringify(bad)}`).toContain(field.path);
    }
  });

  it('says what is wrong and which field, in words', () => {
    expect(issuesOf({ ...minimal, account: { handle: 'a\u0000b' } })).toEqual([
      { path: 'account.handle', message: 'Handle contains a control character (such as NUL); remove it' },
    ]);
    expect(issuesOf({ ...minimal, description: 'a\ud800b' })).toEqual([
      { path: 'description', message: 'The description contains an invalid character (a lone UTF-16 surrogate); remove it' },
    ]);
  });

  it('keeps tab and newline in the description, folds carriage returns into newlines, refuses them elsewhere', () => {
    expect(parsed({ ...minimal, description: 'line 1\r\nline 2\rline 3\n\tindented' }).description).toBe('line 1\nline 2\nline 3\n\tindented');
    expect(issuesOf({ ...minimal, account: { handle: 'a\nb' } }).map((i) => i.path)).toEqual(['account.handle']);
    expect(issuesOf({ ...minimal, platformContext: { displayName: 'a\tb' } }).map((i) => i.path)).toEqual(['platformContext.displayName']);
  });

  it('refuses a data: URI in free text, naming the field', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk';
    expect(issuesOf({ ...minimal, description: `look: ${png}` })).toEqual([
      { path: 'description', message: expect.stringMatching(/^The description contains a data: URI/) },
    ]);
    expect(issuesOf({ ...minimal, platformContext: { displayName: 'DATA: text/plain,hello' } }).map((i) => i.path)).toEqual([
      'platformContext.displayName',
    ]);
    expect(issuesOf({ ...minimal, account: { handle: png } }).map((i) => i.path)).toEqual(['account.handle']);
  });

  it('refuses a pasted base64 media file without a data: prefix too (a packet could never carry it)', () => {
    const pasted = `iVBORw0KGgo${'A'.repeat(60)}`;
    expect(issuesOf({ ...minimal, description: `here it is ${pasted}` })).toEqual([
      { path: 'description', message: expect.stringMatching(/^The description contains what looks like an encoded picture or video/) },
    ]);
  });

  it('accepts ordinary text in any script, emoji included', () => {
    const text = 'Привет, 你好, مرحبا, 👋 — “quoted”';
    expect(parsed({ ...minimal, account: { handle: text }, description: text }).description).toBe(text);
  });
});

describe('ZReportInput: links are http(s) only', () => {
  const refused = [
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'blob:https://x.example/0b9c1e0e-1111-2222-3333-444455556666',
    'file:///etc/passwd',
    'ftp://files.example/a',
    'vbscript:msgbox',
    'about:blank',
  ];

  it.each(refused)('refuses %s as a content link and as a profile URL, naming the field', (url) => {
    expect(issuesOf({ ...minimal, contentUrls: ['https://x.example/ok', url] }).map((i) => i.path)).toEqual(['contentUrls.1']);
    expect(issuesOf({ ...minimal, account: { profileUrl: url } }).map((i) => i.path)).toEqual(['account.profileUrl']);
  });

  it('explains the refusal', () => {
    expect(issuesOf({ ...minimal, contentUrls: ['javascript:alert(1)'] })).toEqual([
      { path: 'contentUrls.0', message: 'A link must be an http:// or https:// link (other kinds, such as data:, javascript: or file:, are refused)' },
    ]);
    expect(issuesOf({ ...minimal, contentUrls: ['not a link'] })).toEqual([
      { path: 'contentUrls.0', message: 'A link is not a web address (for example https://social.example/@name/123)' },
    ]);
  });

  it('stores what checkWebUrl returns: unchanged with a scheme, https:// put in front of a bare host', () => {
    const report = parsed({
      ...minimal,
      account: { profileUrl: 'social.example/@alice' },
      contentUrls: ['http://x.example/a', 'HTTPS://x.example/b', 'x.example/c?d=1', 'x.example:8080/e'],
    });
    expect(report.account.profileUrl).toBe('https://social.example/@alice');
    expect(report.contentUrls).toEqual(['http://x.example/a', 'HTTPS://x.example/b', 'https://x.example/c?d=1', 'https://x.example:8080/e']);
  });
});
