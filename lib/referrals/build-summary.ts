import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { HOTLINE_REGISTRY } from './hotlines';
import { categoryLabel, displayNames, distinct, distinctIpEvents, incidentTime } from './packet-text';
import type { Hotline, ReferralOrg, ReferralSource } from './types';

/** The human-readable summary of a packet, rendered to HTML and PDF. Plain data, built purely. */
export type SummaryModel = {
  title: string;
  sections: { heading: string; rows: [label: string, value: string][] }[];
  reports: { reference: string; receivedAt: string; category: string; dangerNow: boolean; description: string; links: string[]; hashes: string[] }[];
};

export type SummaryMeta = { hotline: Hotline; packetId: string; version: number; createdBy: string; approvedBy: string | null };

export function buildSummary(source: ReferralSource, org: ReferralOrg, meta: SummaryMeta, now: Date): SummaryModel {
  const { account } = source;
  const categories = distinct([...source.categories, ...source.reports.map((r) => r.category)]) as HarmCategory[];
  const ip = distinctIpEvents(source);
  return {
    title: `Referral to ${HOTLINE_REGISTRY[meta.hotline].name}: case ${source.caseNumber}`,
    sections: [
      {
        heading: 'Packet',
        rows: [
          ['Packet ID', meta.packetId],
          ['Version', String(meta.version)],
          ['Created', `${now.toISOString()} by ${meta.createdBy}`],
          ['Approved by', meta.approvedBy ?? 'not yet approved (preview)'],
          ['Reporting organisation', `${org.orgName} (${org.serviceName})`],
          ['Contact', [org.contactName, org.contactEmail].filter(Boolean).join(', ')],
        ],
      },
      {
        heading: 'Incident',
        rows: [
          ['Incident time (earliest report)', incidentTime(source, now).toISOString()],
          ['Categories', categories.map(categoryLabel).join(', ')],
          ['Child in danger now', source.dangerNow || source.reports.some((r) => r.dangerNow) ? 'Yes' : 'No'],
          ['Reports', String(source.reports.length)],
        ],
      },
      {
        heading: 'Reported account',
        rows: [
          ['Platform', account.platform],
          ['Account ID', account.platformAccountId ?? '—'],
          ['Handle', account.handle ?? '—'],
          ['Display names', displayNames(source).join(', ') || '—'],
          ['Profile URL (text, not visited)', account.profileUrl ?? '—'],
          ['Location hint', account.countryHint ?? '—'],
          ['IP capture events', ip.length ? ip.map((e) => `${e.ipAddress}${e.port !== undefined ? `:${e.port}` : ''} ${e.eventName} ${e.dateTime}`).join('; ') : 'none supplied'],
        ],
      },
      {
        heading: 'Actions taken',
        rows: [
          ['Suspension', source.suspension ? `since ${source.suspension.at.toISOString()}${source.suspension.until ? ` until ${source.suspension.until.toISOString()}` : ', permanent'}` : 'not suspended'],
          ['Preservation holds', source.holds.length ? source.holds.map((h) => `${h.startsAt.toISOString()} to ${h.expiresAt.toISOString()}${h.releasedAt ? ' (released)' : ''}`).join('; ') : 'none'],
          ['Earlier referrals', source.priorReferrals.length ? source.priorReferrals.map((p) => `${p.hotline} ${p.hotlineReportId} (case ${p.caseNumber})`).join('; ') : 'none'],
        ],
      },
    ],
    reports: source.reports.map((r) => ({
      reference: r.reference,
      receivedAt: r.receivedAt.toISOString(),
      category: categoryLabel(r.category),
      dangerNow: r.dangerNow,
      description: r.description,
      links: r.contentUrls,
      hashes: r.mediaHashes,
    })),
  };
}
