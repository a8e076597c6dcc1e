import type { FieldIssue, TReportInput } from './schema';

/** Field names of the public form; the receipt of errors maps back to these. */
export const REPORT_FORM_FIELDS = {
  account: 'account',
  accountId: 'accountId',
  category: 'category',
  dangerNow: 'dangerNow',
  description: 'description',
  contentUrls: 'contentUrls',
  email: 'email',
  country: 'country',
} as const;

/**
 * A link rather than a username: typed with a scheme (any scheme, so `data:`, `javascript:` or
 * `file:` are checked, and refused, as links), starting with www., or host/path. `host:8080` is a port.
 */
const looksLikeUrl = (text: string) =>
  /^([a-z][a-z0-9+.-]*:(?!\d)|www\.)/i.test(text) || /^[^\s@/]+\.[a-z]{2,}\//i.test(text);

/**
 * Turns the form's flat fields into the shared report input. The single "account" box takes a
 * username or a profile link; links to the content come one per line.
 */
export function reportInputFromForm(form: FormData): TReportInput {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const account = text(REPORT_FORM_FIELDS.account).trim();
  const links = text(REPORT_FORM_FIELDS.contentUrls)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

  return {
    account: {
      handle: account && !looksLikeUrl(account) ? account : undefined,
      profileUrl: account && looksLikeUrl(account) ? account : undefined,
      platformAccountId: text(REPORT_FORM_FIELDS.accountId) || undefined,
    },
    category: text(REPORT_FORM_FIELDS.category) as TReportInput['category'],
    dangerNow: form.get(REPORT_FORM_FIELDS.dangerNow) !== null,
    // Browsers submit a textarea's line breaks as CRLF; the character counter (and people) count one.
    description: text(REPORT_FORM_FIELDS.description).replace(/\r\n/g, '\n'),
    contentUrls: links,
    reporter: {
      email: text(REPORT_FORM_FIELDS.email) || undefined,
      country: text(REPORT_FORM_FIELDS.country) || undefined,
    },
  };
}

/** Field name → messages, for the form to show next to each field; a link's message says which line. */
export function formFieldErrors(issues: readonly FieldIssue[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const { path, message } of issues) {
    const line = /^contentUrls\.(\d+)$/.exec(path)?.[1];
    (fieldErrors[formFieldForIssuePath(path)] ??= []).push(line === undefined ? message : `Line ${Number(line) + 1}: ${message}`);
  }
  return fieldErrors;
}

/** Maps an issue path of the shared schema to the form field that shows it. */
export function formFieldForIssuePath(path: string): string {
  if (path.startsWith('account.platformAccountId')) return REPORT_FORM_FIELDS.accountId;
  if (path.startsWith('account')) return REPORT_FORM_FIELDS.account;
  if (path.startsWith('contentUrls')) return REPORT_FORM_FIELDS.contentUrls;
  if (path === 'reporter.email') return REPORT_FORM_FIELDS.email;
  if (path === 'reporter.country') return REPORT_FORM_FIELDS.country;
  return path.split('.')[0] ?? path;
}
