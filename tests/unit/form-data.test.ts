import { describe, expect, it } from 'vitest';
import { formFieldErrors, formFieldForIssuePath, REPORT_FORM_FIELDS, reportInputFromForm } from '@/lib/reports/form-data';
import { toFieldIssues, ZReportInput } from '@/lib/reports/schema';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe('reportInputFromForm: the account box', () => {
  it('takes a plain username as a handle', () => {
    expect(reportInputFromForm(form({ account: '  @alice  ' })).account).toEqual({
      handle: '@alice',
      profileUrl: undefined,
      platformAccountId: undefined,
    });
  });

  it('takes a dotted username without a slash as a handle', () => {
    expect(reportInputFromForm(form({ account: 'alice.smith' })).account.handle).toBe('alice.smith');
    expect(reportInputFromForm(form({ account: 'alice.smith' })).account.profileUrl).toBeUndefined();
  });

  it('takes http(s) and www. links as a profile URL', () => {
    for (const account of [
      'https://social.example/@alice',
      'HTTP://social.example/@alice',
      'www.social.example/@alice',
      'WWW.social.example/@alice',
    ]) {
      const input = reportInputFromForm(form({ account }));
      expect(input.account.profileUrl, account).toBe(account);
      expect(input.account.handle, account).toBeUndefined();
    }
  });

  it('takes a scheme-less host/path as a profile URL', () => {
    const input = reportInputFromForm(form({ account: 'social.example/@alice' }));
    expect(input.account.profileUrl).toBe('social.example/@alice');
    expect(input.account.handle).toBeUndefined();
  });

  it('takes anything typed with a scheme as a link, so that data:, javascript: and file: are checked as links', () => {
    for (const account of ['data:image/png;base64,iVBORw0KGgo', 'javascript:alert(1)', 'file:///etc/passwd', 'blob:https://x.example/1']) {
      const input = reportInputFromForm(form({ account }));
      expect(input.account.profileUrl, account).toBe(account);
      expect(input.account.handle, account).toBeUndefined();
    }
  });

  it('does not take an e-mail-like or spaced text as a URL', () => {
    expect(reportInputFromForm(form({ account: 'me@social.example/x' })).account.handle).toBe('me@social.example/x');
    expect(reportInputFromForm(form({ account: 'alice smith.com/' })).account.handle).toBe('alice smith.com/');
  });

  it('leaves both undefined when the box is empty or blank', () => {
    for (const account of ['', '   ']) {
      const input = reportInputFromForm(form({ account }));
      expect(input.account.handle).toBeUndefined();
      expect(input.account.profileUrl).toBeUndefined();
    }
    expect(reportInputFromForm(form({})).account).toEqual({
      handle: undefined,
      profileUrl: undefined,
      platformAccountId: undefined,
    });
  });

  it('passes the account ID through, empty as undefined', () => {
    expect(reportInputFromForm(form({ accountId: '12345' })).account.platformAccountId).toBe('12345');
    expect(reportInputFromForm(form({ accountId: '' })).account.platformAccountId).toBeUndefined();
  });
});

describe('reportInputFromForm: links', () => {
  it('splits links by line, trims them and drops blank lines', () => {
    const input = reportInputFromForm(
      form({ contentUrls: '  https://a.example/1  \r\n\r\n   \nhttps://a.example/2\n\nhttps://a.example/3\n' }),
    );
    expect(input.contentUrls).toEqual(['https://a.example/1', 'https://a.example/2', 'https://a.example/3']);
  });

  it('gives an empty list when there are no links', () => {
    expect(reportInputFromForm(form({})).contentUrls).toEqual([]);
    expect(reportInputFromForm(form({ contentUrls: '\n \r\n' })).contentUrls).toEqual([]);
  });
});

describe('reportInputFromForm: other fields', () => {
  it('sets dangerNow from the presence of the checkbox, whatever its value', () => {
    expect(reportInputFromForm(form({ dangerNow: 'on' })).dangerNow).toBe(true);
    expect(reportInputFromForm(form({ dangerNow: '' })).dangerNow).toBe(true);
    expect(reportInputFromForm(form({})).dangerNow).toBe(false);
  });

  it('passes category and description through', () => {
    const input = reportInputFromForm(form({ category: 'grooming', description: ' words ' }));
    expect(input.category).toBe('grooming');
    expect(input.description).toBe(' words ');
  });

  it('gives an empty category and description when missing', () => {
    const input = reportInputFromForm(form({}));
    expect(input.category).toBe('');
    expect(input.description).toBe('');
  });

  it('maps e-mail and country, empty as undefined', () => {
    expect(reportInputFromForm(form({ email: 'kim@mail.example', country: 'GB' })).reporter).toEqual({
      email: 'kim@mail.example',
      country: 'GB',
    });
    expect(reportInputFromForm(form({ email: '', country: '' })).reporter).toEqual({
      email: undefined,
      country: undefined,
    });
  });

  it('ignores a file where text is expected', () => {
    const data = new FormData();
    data.append('account', new Blob(['alice']), 'a.txt');
    data.append('description', new Blob(['x']), 'd.txt');
    const input = reportInputFromForm(data);
    expect(input.account.handle).toBeUndefined();
    expect(input.description).toBe('');
  });

  it('never sets API-only fields', () => {
    const input = reportInputFromForm(
      form({ mediaHashes: 'MD5:9e107d9d372bb682', platformContext: '{}', platformUserId: 'u1' }),
    );
    expect(Object.keys(input).sort()).toEqual(
      ['account', 'category', 'contentUrls', 'dangerNow', 'description', 'reporter'].sort(),
    );
    expect(input.reporter).not.toHaveProperty('platformUserId', 'u1');
  });
});

describe('reportInputFromForm → ZReportInput', () => {
  it('produces input the shared schema accepts', () => {
    const result = ZReportInput.safeParse(
      reportInputFromForm(
        form({
          account: 'https://social.example/@alice',
          category: 'sextortion',
          dangerNow: 'on',
          description: 'They threatened to post photos.',
          contentUrls: 'https://social.example/p/1\n\nhttps://social.example/p/2',
          email: '',
          country: 'gb',
        }),
      ),
    );
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      account: { profileUrl: 'https://social.example/@alice' },
      category: 'sextortion',
      dangerNow: true,
      contentUrls: ['https://social.example/p/1', 'https://social.example/p/2'],
      reporter: { country: 'GB' },
    });
  });

  it('maps every schema issue of an empty form back to a form field', () => {
    const result = ZReportInput.safeParse(reportInputFromForm(form({ email: 'nope', country: 'XX' })));
    expect(result.success).toBe(false);
    const fields = toFieldIssues(result.error!).map((i) => formFieldForIssuePath(i.path));
    expect(fields.sort()).toEqual(['account', 'category', 'country', 'email']);
    const known = new Set<string>(Object.values(REPORT_FORM_FIELDS));
    for (const field of fields) expect(known.has(field), field).toBe(true);
  });
});

describe('formFieldErrors', () => {
  it('groups messages by form field and says which line of the links box is wrong', () => {
    expect(
      formFieldErrors([
        { path: 'account.profileUrl', message: 'Profile URL must be an http:// or https:// link' },
        { path: 'contentUrls.2', message: 'A link contains a data: URI' },
        { path: 'contentUrls', message: 'At most 10 links' },
        { path: 'description', message: 'The description contains a control character' },
      ]),
    ).toEqual({
      account: ['Profile URL must be an http:// or https:// link'],
      contentUrls: ['Line 3: A link contains a data: URI', 'At most 10 links'],
      description: ['The description contains a control character'],
    });
  });
});

describe('formFieldForIssuePath', () => {
  it('maps account paths to the account box, except the account ID', () => {
    expect(formFieldForIssuePath('account')).toBe('account');
    expect(formFieldForIssuePath('account.handle')).toBe('account');
    expect(formFieldForIssuePath('account.profileUrl')).toBe('account');
    expect(formFieldForIssuePath('account.platformAccountId')).toBe('accountId');
  });

  it('maps any link issue to the links box', () => {
    expect(formFieldForIssuePath('contentUrls')).toBe('contentUrls');
    expect(formFieldForIssuePath('contentUrls.7')).toBe('contentUrls');
  });

  it('maps reporter e-mail and country to their fields', () => {
    expect(formFieldForIssuePath('reporter.email')).toBe('email');
    expect(formFieldForIssuePath('reporter.country')).toBe('country');
  });

  it('maps top-level fields to themselves', () => {
    expect(formFieldForIssuePath('category')).toBe('category');
    expect(formFieldForIssuePath('description')).toBe('description');
    expect(formFieldForIssuePath('dangerNow')).toBe('dangerNow');
  });

  it('falls back to the first path segment', () => {
    expect(formFieldForIssuePath('mediaHashes.3')).toBe('mediaHashes');
    expect(formFieldForIssuePath('(root)')).toBe('(root)');
  });
});
