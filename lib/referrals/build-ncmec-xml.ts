import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { distinct, distinctIpEvents, displayNames, incidentTime, limitText, reportLine, xmlSafe } from './packet-text';
import type { ReferralOrg, ReferralSource } from './types';

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
  const danger = source.reports.filter((r) => r.dangerNow);
  if (source.dangerNow || danger.length > 0) {
    const text = `A reporter indicated that a child is in immediate danger (${danger.length} of ${source.reports.length} reports: ${danger
      .slice(0, 20)
      .map((r) => r.reference)
      .join(', ')}). Case ${source.caseNumber}.`;
    summary.ele('escalateToHighPriority').txt(limitText(xmlSafe(text), ESCALATE_MAX, ' [truncated]'));
  }
  if (categories.includes('sextortion')) summary.ele('reportAnnotations').ele('sextortion').txt('true');
  summary.ele('incidentDateTime').txt(incidentTime(source, now).toISOString());

  const urls = distinct(source.reports.flatMap((r) => r.contentUrls)).filter((u) => u.length <= URL_MAX);
  if (urls.length > 0) {
    const page = root.ele('internetDetails').ele('webPageIncident');
    for (const url of urls) page.ele('url').txt(xmlSafe(url));
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

/** Everything the structured elements cannot hold: the case, each report, actions, prior reports. */
function additionalInfo(source: ReferralSource, categories: readonly HarmCategory[]): string {
  const lines = [`Case ${source.caseNumber} (${source.reports.length} reports; categories: ${categories.join(', ')}).`];
  if (source.suspension) {
    lines.push(`Account suspended ${source.suspension.at.toISOString()}${source.suspension.until ? ` until ${source.suspension.until.toISOString()}` : ' permanently'}.`);
  }
  for (const h of source.holds) {
    lines.push(`Preservation hold from ${h.startsAt.toISOString()} until ${h.expiresAt.toISOString()}${h.releasedAt ? ` (released ${h.releasedAt.toISOString()})` : ''}.`);
  }
  const other = source.priorReferrals.filter((p) => !(p.hotline === 'ncmec' && /^\d{1,18}$/.test(p.hotlineReportId)));
  for (const p of other) lines.push(`Earlier referral to ${p.hotline}: ${p.hotlineReportId} (case ${p.caseNumber}).`);
  const skipped = source.reports.flatMap((r) => r.contentUrls).filter((u) => u.length > URL_MAX).length;
  if (skipped) lines.push(`${skipped} link(s) longer than ${URL_MAX} characters are listed in summary.html.`);
  lines.push('Reports (links are as the reporter typed them; the media was never viewed, fetched or stored by us):');
  // Stop once the limit is reached: limitText cuts the rest, and 10,000 lines would be wasted work.
  let length = lines.reduce((sum, l) => sum + l.length + 1, 0);
  for (const r of source.reports) {
    if (length > ADDITIONAL_INFO_MAX) break;
    const line = `- ${reportLine(r)}`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}
