import { AppError } from '@/lib/errors';
import { CATEGORY_INFO } from '@/lib/reports/categories';
import { checkWebUrl, findEmbeddedMedia } from '@/lib/security/text-rules';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import type { IpCaptureEvent, ReferralReport, ReferralSource } from './types';

/** Text helpers shared by the packet builders. Pure. */

/** Removes characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/U+FFFF). */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Cuts `text` to `max` characters, saying so at the end. */
export function limitText(text: string, max: number, note = ' [truncated; the full list is in summary.html]'): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

export type IncidentTime = { at: Date; description: string };

/**
 * The incident time and, in plain words, which time it is and why: the platform's earliest
 * recorded event for the account when it predates the first report (the platform saw it happen
 * first), otherwise when the first report was received. Never later than `now`.
 */
export function incidentTime(source: Pick<ReferralSource, 'reports'>, now: Date): IncidentTime {
  let first: ReferralReport | null = null;
  for (const r of source.reports) if (!first || r.receivedAt < first.receivedAt) first = r;
  let event: { at: Date; e: IpCaptureEvent } | null = null;
  for (const r of source.reports) {
    if (!r.fromPlatform) continue;
    for (const e of r.ipCaptureEvents) {
      const at = new Date(e.dateTime);
      if (!Number.isNaN(at.getTime()) && at <= now && (!event || at < event.at)) event = { at, e };
    }
  }
  if (event && (!first || event.at < first.receivedAt)) {
    const report = first ? `, which predates the first report (${first.reference}, received ${first.receivedAt.toISOString()})` : '';
    return { at: event.at, description: `Time of the earliest event the platform recorded for the account (${event.e.eventName} from ${event.e.ipAddress})${report}.` };
  }
  if (!first || first.receivedAt > now) return { at: now, description: 'No report time is known; the time this packet was prepared.' };
  return { at: first.receivedAt, description: `Time the first report (${first.reference}) was received; the platform supplied no earlier event.` };
}

/** The order reports are listed in free text: danger-now reports first, then the rest, newest first within each. */
export function listingOrder(reports: readonly ReferralReport[]): ReferralReport[] {
  return [...reports].sort((a, b) => Number(b.dangerNow) - Number(a.dangerNow) || b.receivedAt.getTime() - a.receivedAt.getTime() || a.reference.localeCompare(b.reference));
}

/** True for a link that may appear as a URL element: http(s) only. Anything else is quoted as text. */
export function isWebLink(url: string): boolean {
  const checked = checkWebUrl(url);
  return checked.ok && checked.url === url.trim();
}

/**
 * Defence in depth (intake refuses these already): a packet never carries media, so building one
 * from text with a `data:` URI or a base64-encoded media file is refused, naming the report.
 */
export function assertNoEmbeddedMedia(source: Pick<ReferralSource, 'reports' | 'account'>): void {
  const { account } = source;
  for (const [field, text] of [['profile URL', account.profileUrl], ['handle', account.handle], ['account ID', account.platformAccountId]] as const) {
    const media = text ? findEmbeddedMedia(text) : null;
    if (media) throw new AppError('conflict', `The account's ${field} contains ${media}; a referral packet never carries media.`);
  }
  for (const r of source.reports) {
    for (const text of [r.description, r.displayName ?? '', ...r.contentUrls, ...r.mediaHashes]) {
      const media = findEmbeddedMedia(text);
      if (media) throw new AppError('conflict', `Report ${r.reference} contains ${media}; a referral packet never carries media, so it cannot be built.`);
    }
  }
}

export function categoryLabel(category: HarmCategory): string {
  return CATEGORY_INFO[category].shortLabel;
}

/** Every distinct IP capture event across the reports, in time order. */
export function distinctIpEvents(source: Pick<ReferralSource, 'reports'>): IpCaptureEvent[] {
  const seen = new Map<string, IpCaptureEvent>();
  for (const r of source.reports) {
    for (const e of r.ipCaptureEvents) {
      const key = `${e.ipAddress}|${e.port ?? ''}|${e.eventName}|${e.dateTime}`;
      if (!seen.has(key)) seen.set(key, e);
    }
  }
  return [...seen.values()].sort((a, b) => Date.parse(a.dateTime) - Date.parse(b.dateTime));
}

/** Distinct values of a list-valued report field, first occurrence first. */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Splits `ALG:value` into its parts (the value may itself contain colons). */
export function splitHash(hash: string): { algorithm: string; value: string } {
  const at = hash.indexOf(':');
  return at < 0 ? { algorithm: 'UNKNOWN', value: hash } : { algorithm: hash.slice(0, at).toUpperCase(), value: hash.slice(at + 1) };
}

/** The case's distinct display names, as the platform supplied them. */
export function displayNames(source: Pick<ReferralSource, 'reports'>): string[] {
  return distinct(source.reports.flatMap((r) => (r.displayName ? [r.displayName] : [])));
}

/** Who a report's statements come from, in words. */
export function reportSource(r: Pick<ReferralReport, 'fromPlatform'>): string {
  return r.fromPlatform ? 'the platform (API key)' : 'a member of the public (report form or API without a key)';
}

/**
 * One line per report for free-text sections (additionalInfo, summaries). What the reporter said is
 * quoted and attributed to the report; platform facts are labelled as the platform's.
 */
export function reportLine(r: ReferralReport): string {
  const parts = [`${r.reference} ${r.receivedAt.toISOString()} ${categoryLabel(r.category)}${r.dangerNow ? ' (reporter says a child is in danger now)' : ''}, from ${reportSource(r)}`];
  if (r.description) parts.push(`the reporter's words: "${r.description.replace(/\s+/g, ' ')}"`);
  if (r.contentUrls.length) parts.push(`links the reporter gave (text, not visited): ${r.contentUrls.join(' ')}`);
  if (r.mediaHashes.length) parts.push(`media hashes from the platform: ${r.mediaHashes.join(' ')}`);
  if (r.reporterCountry) parts.push(`reporter's country: ${r.reporterCountry}`);
  return parts.join('; ');
}
