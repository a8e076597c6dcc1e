import { CATEGORY_INFO } from '@/lib/reports/categories';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import type { IpCaptureEvent, ReferralSource } from './types';

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

/** The incident time: the earliest report, never later than `now`. */
export function incidentTime(source: Pick<ReferralSource, 'reports'>, now: Date): Date {
  let earliest = now.getTime();
  for (const r of source.reports) earliest = Math.min(earliest, r.receivedAt.getTime());
  return new Date(earliest);
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

/** One line per report for free-text sections (additionalInfo, summaries). */
export function reportLine(r: ReferralSource['reports'][number]): string {
  const parts = [`${r.reference} ${r.receivedAt.toISOString()} ${categoryLabel(r.category)}${r.dangerNow ? ' (danger now)' : ''}`];
  if (r.description) parts.push(`description: ${r.description.replace(/\s+/g, ' ')}`);
  if (r.contentUrls.length) parts.push(`links (text, not visited): ${r.contentUrls.join(' ')}`);
  if (r.mediaHashes.length) parts.push(`media hashes: ${r.mediaHashes.join(' ')}`);
  if (r.reporterCountry) parts.push(`reporter country: ${r.reporterCountry}`);
  return parts.join('; ');
}
