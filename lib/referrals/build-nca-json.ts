import { countryLink } from './routing';
import { displayNames, distinctIpEvents, incidentTime, splitHash } from './packet-text';
import { ZNcaReferral, type TNcaReferral } from './nca-schema';
import type { ReferralOrg, ReferralSource } from './types';

/** The NCA/CEOP referral document for a UK-linked case; parsed by its schema before it is returned. */
export function buildNcaReferral(source: ReferralSource, org: ReferralOrg, now: Date): TNcaReferral {
  const ukLink = countryLink({ reports: source.reports, accountCountryHint: source.account.countryHint }, 'GB');
  if (ukLink.length === 0) throw new Error('The case is not UK-linked; it is never referred to the NCA.');
  const { account } = source;
  const incident = incidentTime(source, now);
  const doc: TNcaReferral = {
    format: 'triage-console-nca-referral',
    formatVersion: 1,
    generatedAt: now.toISOString(),
    caseNumber: source.caseNumber,
    incidentDateTime: incident.at.toISOString(),
    incidentDateTimeDescription: incident.description,
    dangerNow: source.dangerNow || source.reports.some((r) => r.dangerNow),
    reportingOrganisation: { name: org.orgName, service: org.serviceName, contactName: org.contactName, contactEmail: org.contactEmail },
    ukLink,
    userIdentified: {
      platform: account.platform,
      accountId: account.platformAccountId,
      handle: account.handle,
      displayNames: displayNames(source),
      profileUrl: account.profileUrl,
      countryHint: account.countryHint,
      suspension: source.suspension ? { at: source.suspension.at.toISOString(), until: source.suspension.until?.toISOString() ?? null } : null,
      preservationHolds: source.holds.map((h) => ({
        startsAt: h.startsAt.toISOString(),
        expiresAt: h.expiresAt.toISOString(),
        releasedAt: h.releasedAt?.toISOString() ?? null,
      })),
    },
    detectedContent: source.reports.map((r) => ({
      reference: r.reference,
      receivedAt: r.receivedAt.toISOString(),
      category: r.category,
      dangerNow: r.dangerNow,
      statementsFrom: r.fromPlatform ? 'platform' : 'reporter',
      description: r.description,
      contentUrls: r.contentUrls,
      reporterCountry: r.reporterCountry,
    })),
    hashValues: source.reports.flatMap((r) =>
      r.mediaHashes.map((h) => ({
        ...splitHash(h),
        reportReference: r.reference,
        knownContentMatches: (source.knownContent ?? [])
          .filter((k) => k.reportReference === r.reference && k.reportHash === h)
          .map((k) => ({ list: k.listName, listSource: k.listSource, distance: k.distance, threshold: k.threshold, entryLabel: k.entryLabel })),
      })),
    ),
    ipAddresses: distinctIpEvents(source).map((e) => ({
      ipAddress: e.ipAddress,
      port: e.port ?? null,
      eventName: e.eventName,
      dateTime: new Date(e.dateTime).toISOString(),
    })),
    connectedAccounts: (source.network?.accounts ?? []).map((a) => ({
      platform: a.platform,
      accountId: a.platformAccountId,
      handle: a.handle,
      hops: a.hops,
      linkReasons: a.links.map((l) => ({ reason: l.reason, detail: l.detail })),
      hotlineReferences: a.hotlineReportIds.map((h) => ({ hotline: h.hotline, reference: h.hotlineReportId })),
    })),
    previousReferrals: source.priorReferrals.map((p) => ({ hotline: p.hotline, reference: p.hotlineReportId, caseNumber: p.caseNumber })),
  };
  return ZNcaReferral.parse(doc);
}
