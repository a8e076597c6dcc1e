import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { distinct, distinctIpEvents, displayNames, incidentTime, isWebLink, limitText, listingOrder, reportLine, xmlSafe } from './packet-text';
import { knownContentLines } from './known-content-text';
import { networkLines } from './network-text';
import type { ReferralOrg, ReferralReport, ReferralSource } from './types';

/** NCMEC's exact incidentType values (see ../shared/ncmec/README.md). */
export const NCMEC_INCIDENT_TYPE = {
  child_sexual_imagery: 'Child Pornography (possession, manufacture, and distribution)',
  trafficking: 'Child Sex Trafficking',
  grooming: 'Online Enticement of Children for Sexual Acts',
  sextortion: 'Online Enticement of Children for Sexual Acts',
  obscene_material_to_child: 'Unsolicited Obscene Material Sent to a Child',
} as const satisfies Partial<Record<HarmCategory, string>>;

/** When a case has several reportable categories, the first of these names the incident. */
const INCIDENT_ORDER = ['child_sexual_imagery', 'trafficking', 'sextortion', 'grooming', 'obscene_material_to_child'] as const;

/** Documented limits. additionalInfo has none published; we keep it to a size a reviewer can read. */
export const ESCALATE_MAX = 3000;
export const URL_MAX = 2083;
export const ADDITIONAL_INFO_MAX = 60_000;

export function ncmecIncidentType(categories: readonly HarmCategory[]): string {
  const first = INCIDENT_ORDER.find((c) => categories.includes(c));
  if (!first) throw new Error('The case has no category reportable to NCMEC.');
  return NCMEC_INCIDENT_TYPE[first];
}

/**
 * The CyberTipline `<report>` document for a case. Pure; element order follows the XSD's sequences
 * (validate-ncmec-xml.ts checks it against NCMEC's schema before every export). Links are listed as
 * text; media hashes go to additionalInfo because `originalFileHash` belongs to uploaded files only.
 */
export function buildNcmecXml(source: ReferralSource, org: ReferralOrg, now: Date): string {
  const categories = distinct([...source.categories, ...source.reports.map((r) => r.category)]) as HarmCategory[];
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('report', {
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:noNamespaceSchemaLocation': 'https://report.cybertip.org/ispws/xsd',
  });

  const summary = root.ele('incidentSummary');
  summary.ele('incidentType').txt(ncmecIncidentType(categories));
  summary.ele('platform').txt(xmlSafe(org.serviceName));
  const escalation = escalationText(source);
  if (escalation) summary.ele('escalateToHighPriority').txt(escalation);
  if (categories.includes('sextortion')) summary.ele('reportAnnotations').ele('sextortion').txt('true');
  const incident = incidentTime(source, now);
  summary.ele('incidentDateTime').txt(incident.at.toISOString());
  summary.ele('incidentDateTimeDescription').txt(xmlSafe(incident.description));

  // Only http(s) links become <url> elements; anything else a reporter typed stays quoted text in additionalInfo.
  const urls = distinct(source.reports.flatMap((r) => r.contentUrls)).filter((u) => u.length <= URL_MAX && isWebLink(u));
  if (urls.length > 0) {
    const page = root.ele('internetDetails').ele('webPageIncident');
    for (const url of urls) page.ele('url').txt(xmlSafe(url));
    page.ele('additionalInfo').txt('Links as reporters gave them (reporter statements, not verified by the platform); never visited, fetched or viewed by us. Each report with its links is in the report-level additionalInfo.');
  }

  const reporter = root.ele('reporter');
  const person = reporter.ele('reportingPerson');
  appendName(person, org.contactName);
  person.ele('email').txt(xmlSafe(org.contactEmail));
  reporter.ele('companyTemplate').txt(xmlSafe(`Reported by ${org.orgName} (${org.serviceName}) from its abuse-report triage console.`));

  appendReportedUser(root.ele('personOrUserReported'), source, org);
  root.ele('additionalInfo').txt(limitText(xmlSafe(additionalInfo(source, categories)), ADDITIONAL_INFO_MAX));
  return root.end({ prettyPrint: true });
}

function appendName(person: XMLBuilder, name: string | null): void {
  if (!name) return;
  const [first, ...rest] = name.trim().split(/\s+/);
  if (first) person.ele('firstName').txt(xmlSafe(first));
  if (rest.length) person.ele('lastName').txt(xmlSafe(rest.join(' ')));
}

function appendReportedUser(user: XMLBuilder, source: ReferralSource, org: ReferralOrg): void {
  const { account } = source;
  if (account.platformAccountId) user.ele('espIdentifier').txt(xmlSafe(account.platformAccountId));
  user.ele('espService').txt(xmlSafe(org.serviceName));
  if (account.handle) user.ele('screenName').txt(xmlSafe(account.handle));
  for (const name of displayNames(source)) user.ele('displayName').txt(xmlSafe(name));
  if (account.profileUrl && account.profileUrl.length <= URL_MAX) user.ele('profileUrl').txt(xmlSafe(account.profileUrl));
  for (const e of distinctIpEvents(source)) {
    const ev = user.ele('ipCaptureEvent');
    ev.ele('ipAddress').txt(e.ipAddress);
    ev.ele('eventName').txt(e.eventName);
    ev.ele('dateTime').txt(new Date(e.dateTime).toISOString());
    if (e.port !== undefined) ev.ele('port').txt(String(e.port));
  }
  for (const prior of source.priorReferrals) {
    if (prior.hotline === 'ncmec' && /^\d{1,18}$/.test(prior.hotlineReportId)) user.ele('priorCTReports').txt(prior.hotlineReportId);
  }
  if (source.suspension) {
    const { at, until } = source.suspension;
    if (until) user.ele('accountTemporarilyDisabled', { disabledDate: at.toISOString(), reenabledDate: until.toISOString() }).txt('true');
    else user.ele('accountPermanentlyDisabled', { disabledDate: at.toISOString() }).txt('true');
  }
  if (account.countryHint) user.ele('estimatedLocation').ele('countryCode').txt(account.countryHint.toUpperCase());
  user.ele('additionalInfo').txt(xmlSafe(`Platform: ${account.platform}. Account ID: ${account.platformAccountId ?? 'not supplied'}. Handle: ${account.handle ?? 'not supplied'}.`));
}

/** Room kept at the end of additionalInfo for the note that says which reports are not listed there. */
const UNLISTED_NOTE_ROOM = 500;
/** Characters of each danger-now description quoted in escalateToHighPriority. */
const ESCALATE_QUOTE = 400;

const oneLine = (text: string) => xmlSafe(text.replace(/\s+/g, ' ').trim());

/**
 * Why the report is escalated, in plain words: the danger-now reporters' own descriptions (newest
 * first, each cut to its first characters), within NCMEC's 3,000-character limit. Null when no
 * reporter says a child is in danger now.
 */
export function escalationText(source: Pick<ReferralSource, 'reports' | 'dangerNow'>): string | null {
  const danger = listingOrder(source.reports.filter((r) => r.dangerNow));
  if (danger.length === 0) return source.dangerNow ? 'The case was marked as a child in immediate danger.' : null;
  const head = danger.length === 1 ? 'A reporter says a child is in immediate danger. In their own words:' : `${danger.length} reporters say a child is in immediate danger. In their own words, newest first:`;
  const parts = [head];
  let length = head.length;
  for (const [i, r] of danger.entries()) {
    const said = oneLine(r.description);
    const quote = said ? `"${said.length > ESCALATE_QUOTE ? `${said.slice(0, ESCALATE_QUOTE)}…` : said}"` : '(no description given)';
    const part = `${quote} (reported ${r.receivedAt.toISOString()})`;
    const rest = danger.length - i - 1;
    const tail = rest > 0 ? ` And ${rest} more such report${rest === 1 ? '' : 's'}, quoted first in additionalInfo.` : '';
    if (length + 1 + part.length + tail.length > ESCALATE_MAX) {
      parts.push(`And ${danger.length - i} more such report${danger.length - i === 1 ? '' : 's'}, quoted first in additionalInfo.`);
      break;
    }
    parts.push(part);
    length += 1 + part.length;
  }
  return limitText(parts.join(' '), ESCALATE_MAX, '…');
}

/**
 * Everything the structured elements cannot hold: the case, actions, prior reports and each report
 * (danger-now first, then newest first). When the size limit is reached it says exactly how many
 * reports are not listed and where they are; nothing is cut silently.
 */
function additionalInfo(source: ReferralSource, categories: readonly HarmCategory[]): string {
  const lines = [
    `Case ${source.caseNumber} (${source.reports.length} reports; categories: ${categories.join(', ')}).`,
    'Sources: the reported user\'s display names, IP capture events, location and media hashes come from the platform\'s own records (sent with its API key); report texts and links are what reporters told us, quoted and attributed to each report.',
  ];
  if (source.suspension) {
    lines.push(`Account suspended ${source.suspension.at.toISOString()}${source.suspension.until ? ` until ${source.suspension.until.toISOString()}` : ' permanently'}.`);
  }
  for (const h of source.holds) {
    lines.push(`Preservation hold from ${h.startsAt.toISOString()} until ${h.expiresAt.toISOString()}${h.releasedAt ? ` (released ${h.releasedAt.toISOString()})` : ''}.`);
  }
  const other = source.priorReferrals.filter((p) => !(p.hotline === 'ncmec' && /^\d{1,18}$/.test(p.hotlineReportId)));
  for (const p of other) lines.push(`Earlier referral to ${p.hotline}: ${p.hotlineReportId} (case ${p.caseNumber}).`);
  lines.push(...knownContentLines(source));
  lines.push(...networkLines(source));
  const links = source.reports.flatMap((r) => r.contentUrls);
  const long = links.filter((u) => u.length > URL_MAX).length;
  if (long) lines.push(`${long} link(s) longer than ${URL_MAX} characters are quoted with their reports below or in summary.html.`);
  const notWeb = links.filter((u) => u.length <= URL_MAX && !isWebLink(u)).length;
  if (notWeb) lines.push(`${notWeb} link(s) are not web (http/https) addresses; they are quoted as text with their reports only.`);
  lines.push('Reports, danger-now first, then newest first (links as the reporter typed them; the media was never viewed, fetched or stored by us):');
  const ordered = listingOrder(source.reports);
  let length = lines.reduce((sum, l) => sum + xmlSafe(l).length + 1, 0);
  let listed = 0;
  for (const r of ordered) {
    const line = xmlSafe(`- ${reportLine(r)}`);
    if (length + line.length + 1 + UNLISTED_NOTE_ROOM > ADDITIONAL_INFO_MAX) break;
    lines.push(line);
    length += line.length + 1;
    listed += 1;
  }
  if (listed < ordered.length) lines.push(unlistedNote(ordered.slice(listed), ordered.length, source.caseNumber));
  return lines.join('\n');
}

function unlistedNote(unlisted: ReferralReport[], total: number, caseNumber: string): string {
  const times = unlisted.map((r) => r.receivedAt.getTime()).sort((a, b) => a - b);
  const danger = unlisted.filter((r) => r.dangerNow).length;
  return (
    `${unlisted.length} of ${total} reports are NOT listed here, to keep this field under ${ADDITIONAL_INFO_MAX} characters: ` +
    `the ${unlisted.length} oldest${danger ? ` (${danger} of them danger-now)` : ''}, received ${new Date(times[0]!).toISOString()} to ${new Date(times[times.length - 1]!).toISOString()}. ` +
    `Every report, these included, is listed in summary.html in this packet, and kept in case ${caseNumber} of our triage console.`
  );
}
