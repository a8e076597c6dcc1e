import { isValidHandle, normaliseHandle } from '@/lib/reports/normalise';

/** Mentions read from one description at most: enough for any real report, bounded work for a hostile one. */
export const MENTIONS_MAX = 20;

/**
 * `@name` not preceded by a character that could belong to an e-mail address or a word (so
 * `someone@example.com` and `a@b` are not mentions). The name runs over the characters handles may
 * hold (lib/reports/normalise.ts).
 */
const AT_MENTION = /(?<![\p{L}\p{N}._@+-])[@＠]([\p{L}\p{N}._-]{1,64})/gu;

/** Anything that looks like a link in free text, to be checked against the platform's profile-URL shape. */
const LINK = /\b(?:https?:\/\/)?[\p{L}\p{N}.-]+\.[\p{L}]{2,}\/[^\s<>"'()]+/giu;

/**
 * The handles a report's description mentions, normalised as account handles are (lower-case, no
 * @), without duplicates and without `own` (the reported account's own handle), at most
 * MENTIONS_MAX. Two forms are read: `@name`, and a profile link of the platform's own shape
 * (`parseProfileUrl`, from PLATFORM_PROFILE_URL). Bare words are not read as handles: ordinary
 * words would link unrelated accounts that happen to be called `the` or `help`.
 */
export function extractMentionedHandles(
  description: string,
  parseProfileUrl: (url: string) => string | null,
  own: string | null = null,
): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    // A sentence may end right after a mention: `@bob.` or `@bob...` means bob.
    const handle = normaliseHandle(raw).replace(/[._-]+$/, '');
    if (handle && handle !== own && isValidHandle(handle)) found.add(handle);
  };
  for (const match of description.matchAll(LINK)) {
    const handle = parseProfileUrl(match[0].replace(/[.,;:!?]+$/, ''));
    if (handle) add(handle);
    if (found.size >= MENTIONS_MAX) break;
  }
  // Profile links were read above; their `@name` parts must not count twice (the Set takes care of
  // equal ones) nor be read out of a non-profile link's path (`https://other.example/@x` is no mention).
  const withoutLinks = description.replace(LINK, ' ');
  for (const match of withoutLinks.matchAll(AT_MENTION)) {
    if (found.size >= MENTIONS_MAX) break;
    add(match[1]!);
  }
  return [...found].slice(0, MENTIONS_MAX);
}
