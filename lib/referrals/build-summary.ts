import { z } from 'zod';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { HOTLINE_REGISTRY } from './hotlines';
import { knownContentLine } from './known-content-text';
import { networkAccountLine } from './network-text';
import { categoryLabel, displayNames, distinct, distinctIpEvents, incidentTime } from './packet-text';
import type { Hotline, ReferralOrg, ReferralSource } from './types';

/**
 * The human-readable summary of a packet, rendered to HTML and PDF. Plain data, built purely. It is
 * built once when a referral version is prepared and stored with it (referrals.summary), so every
 * export renders the same facts the supervisor approved; only the Packet section (which export,
 * by whom) is added at export time (withPacketSection).
 */
export const ZSummaryModel = z.object({
  title: z.string(),
  sections: z.array(z.object({ heading: z.string(), rows: z.array(z.tuple([z.string(), z.string()])) })),
  reports: z.array(
    z.object({ reference: z.string(), receivedAt: z.string(), category: z.string(), dangerNow: z.boolean(), description: z.string(), links: z.array(z.string()), hashes: z.array(z.string()) }),
  ),
});
export type SummaryModel = z.infer<typeof ZSummaryModel>;

/** Which export this is and whose approval it carries: the one per-export part of the summary. */
export type SummaryPacketMeta = {
  packetId: string;
  version: number;
  preparedAt: Date;
  preparedBy: string;
  approvedBy: string;
  exportedAt: Date;
  exportedBy: string;
  payloadSha256: string;
};

export function withPacketSection(model: SummaryModel, meta: SummaryPacketMeta): SummaryModel {
  const packet: SummaryModel['sections'][number] = {
    heading: 'Packet',
    rows: [
      ['Packet ID', meta.packetId],
      ['Referral version', String(meta.version)],
      ['Prepared', `${meta.preparedAt.toISOString()} by ${meta.preparedBy}`],
      ['Approved by', meta.approvedBy],
      ['Approved payload SHA-256', meta.payloadSha256],
      ['Exported', `${meta.exportedAt.toISOString()} by ${meta.exportedBy}`],
    ],
  };
  return { ...model, sections: [packet, ...model.sections] };
}

/** The summary facts of a referral version as prepared at `preparedAt` (no per-export Packet section). */
export function buildSummary(source: ReferralSource, org: ReferralOrg, hotline: Hotline, preparedAt: Date): SummaryModel {
  const { account } = source;
  const categories = distinct([...source.categories, ...source.reports.map((r) => r.category)]) as HarmCategory[];
  const ip = distinctIpEvents(source);
  const incident = incidentTime(source, preparedAt);
  return {
    title: `Referral to ${HOTLINE_REGISTRY[hotline].name}: case ${source.caseNumber}`,
    sections: [
      {
        heading: 'Reporting organisation',
        rows: [
          ['Organisation', `${org.orgName} (${org.serviceName})`],
          ['Contact', [org.contactName, org.contactEmail].filter(Boolean).join(', ')],
          ['Sources', 'Display names, IP capture events, location and media hashes are the platform\'s own records (sent with its API key). Report descriptions and links are what reporters told us.'],
        ],
      },
      {
        heading: 'Incident',
        rows: [
          ['Incident time', `${incident.at.toISOString()} — ${incident.description}`],
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
      ...knownContentSection(source),
      ...networkSection(source),
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

/** The known-content matches, when a platform hash matched a list: one row per match (known-content-text.ts). */
function knownContentSection(source: ReferralSource): SummaryModel['sections'] {
  const matches = source.knownContent ?? [];
  if (matches.length === 0) return [];
  const rows = matches.map((k, i): [string, string] => [`Match ${i + 1}`, knownContentLine(k)]);
  rows.push(['Note', 'A hash comparison only: the files were never seen, fetched or stored by us.']);
  return [{ heading: 'Known content (hash list matches)', rows }];
}

/** The linked accounts, when the account has a network: one row per account (network-text.ts). */
function networkSection(source: ReferralSource): SummaryModel['sections'] {
  const accounts = source.network?.accounts ?? [];
  if (accounts.length === 0) return [];
  const rows = accounts.map((a, i): [string, string] => [`Linked account ${i + 1}`, networkAccountLine(a)]);
  if (source.network?.truncated) rows.push(['Note', 'The network is larger; the nearest accounts are listed.']);
  return [{ heading: 'Linked accounts (network)', rows }];
}
