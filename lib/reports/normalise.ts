/**
 * Account identifiers as people type them, turned into one canonical form so that reports about
 * the same account collapse into one case: trimmed, case-folded, leading @ removed, and profile URLs
 * of the configured platform parsed to the handle.
 */

export type AccountIdentifiers = {
  handle?: string | undefined;
  profileUrl?: string | undefined;
  platformAccountId?: string | undefined;
};

export type NormalisedAccount = {
  /** The unique key within the platform: `handle:<h>`, else `id:<id>`, else `url:<url>`. */
  accountKey: string;
  handle: string | null;
  platformAccountId: string | null;
  profileUrl: string | null;
};

const HANDLE_PATTERN = /^[\p{L}\p{N}._-]{1,64}$/u;

export function normaliseHandle(raw: string): string {
  // NFKC first, so a full-width ＠ becomes @ before it is stripped.
  return raw.normalize('NFKC').trim().replace(/^@+/, '').toLowerCase();
}

export function isValidHandle(handle: string): boolean {
  return HANDLE_PATTERN.test(handle);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a parser from a template such as `https://social.example/@{handle}`. It accepts http or
 * https, an optional `www.`, any letter case in the host, a trailing slash, query or fragment.
 */
export function profileUrlParser(template: string): (url: string) => string | null {
  const withoutScheme = template.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const [before, after = ''] = withoutScheme.split('{handle}');
  const pattern = new RegExp(
    `^(?:https?://)?(?:www\\.)?${escapeRegExp(before ?? '')}([^/?#]+)${escapeRegExp(after)}/?(?:[?#].*)?$`,
    'i',
  );
  return (url) => {
    const match = pattern.exec(url.trim());
    if (!match?.[1]) return null;
    let candidate: string;
    try {
      candidate = normaliseHandle(decodeURIComponent(match[1]));
    } catch {
      return null;
    }
    return isValidHandle(candidate) ? candidate : null;
  };
}

/** Canonical profile URL text: trimmed, scheme and host lower-cased. Kept as inert text. */
export function normaliseUrlText(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i, (origin) => origin.toLowerCase());
}

export function normaliseAccount(
  input: AccountIdentifiers,
  parseProfileUrl: (url: string) => string | null,
): NormalisedAccount | null {
  const profileUrl = input.profileUrl?.trim() ? normaliseUrlText(input.profileUrl) : null;
  const platformAccountId = input.platformAccountId?.trim() || null;
  let handle = input.handle?.trim() ? normaliseHandle(input.handle) : null;
  if (!handle && profileUrl) handle = parseProfileUrl(profileUrl);

  if (handle) return { accountKey: `handle:${handle}`, handle, platformAccountId, profileUrl };
  if (platformAccountId) return { accountKey: `id:${platformAccountId}`, handle, platformAccountId, profileUrl };
  if (profileUrl) return { accountKey: `url:${profileUrl.toLowerCase()}`, handle, platformAccountId, profileUrl };
  return null;
}
