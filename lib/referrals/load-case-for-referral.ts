import 'server-only';
import { z } from 'zod';
import type { Tx } from '@/lib/db';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { loadKnownContentForReferral } from './load-known-content-for-referral';
import { loadNetworkForReferral } from './load-network-for-referral';
import type { IpCaptureEvent, ReferralSource } from './types';

const ZContext = z
  .object({
    displayName: z.string().optional(),
    countryCode: z.string().optional(),
    ipCaptureEvents: z
      .array(z.object({ ipAddress: z.string(), port: z.number().int().optional(), eventName: z.enum(['Login', 'Registration', 'Purchase', 'Upload', 'Other', 'Unknown']).catch('Unknown'), dateTime: z.string() }))
      .optional(),
  })
  .catch({});
const ZSuspendDetails = z.object({ until: z.string().nullable().optional() }).catch({});

/**
 * Reads everything a packet is built from: the case, its account, every report (metadata only),
 * the account's current suspension and preservation holds, and every hotline report ID recorded for
 * this case or an earlier case about the account (a follow-up cites them), and the account's network
 * (other accounts, link reasons, their hotline report IDs). Platform facts (display
 * name, IP capture events, media hashes, the account's country) are taken only from reports sent
 * with a platform API key; whatever else a report carried is never treated as a platform fact.
 * Uses `tx` when given so a workflow step builds from the state it locks.
 */
export async function loadCaseForReferral(caseId: string, tx: Tx = getPrisma() as unknown as Tx, now = new Date()): Promise<ReferralSource> {
  const kase = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      caseNumber: true,
      categories: true,
      primaryCategory: true,
      dangerNow: true,
      account: { select: { id: true, platform: true, handle: true, platformAccountId: true, profileUrl: true, countryHint: true } },
    },
  });
  if (!kase) throw new AppError('not_found', 'There is no such case.');
  const accountId = kase.account.id;
  const [reports, lastEnforcement, holds, prior] = await Promise.all([
    tx.report.findMany({
      where: { caseId },
      orderBy: [{ receivedAt: 'asc' }, { reference: 'asc' }],
      select: { reference: true, receivedAt: true, category: true, dangerNow: true, description: true, contentUrls: true, mediaHashes: true, reporterCountry: true, platformContext: true, apiClientId: true },
    }),
    tx.caseAction.findFirst({
      where: { case: { accountId }, type: { in: ['suspend', 'reinstate'] } },
      orderBy: { createdAt: 'desc' },
      select: { type: true, createdAt: true, details: true },
    }),
    tx.preservationHold.findMany({ where: { accountId }, orderBy: { startsAt: 'asc' }, select: { startsAt: true, expiresAt: true, releasedAt: true } }),
    tx.referral.findMany({
      where: { case: { accountId }, hotlineReportId: { not: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { hotline: true, hotlineReportId: true, caseId: true, submittedAt: true, case: { select: { caseNumber: true } } },
    }),
  ]);

  // The account's network and the hotline IDs recorded for its accounts: cited in every referral.
  const network = await loadNetworkForReferral(tx, accountId);
  const knownContent = await loadKnownContentForReferral(tx, caseId);

  let suspension: ReferralSource['suspension'] = null;
  if (lastEnforcement?.type === 'suspend') {
    const until = ZSuspendDetails.parse(lastEnforcement.details).until;
    const untilDate = until ? new Date(until) : null;
    if (!untilDate || untilDate > now) suspension = { at: lastEnforcement.createdAt, until: untilDate };
  }

  const platformReports = reports.map((r) => ({ report: r, fromPlatform: r.apiClientId !== null, context: r.apiClientId !== null ? ZContext.parse(r.platformContext ?? {}) : ({} as z.infer<typeof ZContext>) }));
  // The account's country is a platform fact only when a platform's report said so.
  const hint = kase.account.countryHint?.toUpperCase() ?? null;
  const countryHint = hint && platformReports.some((p) => p.context.countryCode?.toUpperCase() === hint) ? kase.account.countryHint : null;
  const seen = new Set<string>();

  return {
    caseId: kase.id,
    caseNumber: String(kase.caseNumber),
    categories: [...new Set([kase.primaryCategory, ...kase.categories])],
    dangerNow: kase.dangerNow,
    account: { ...kase.account, countryHint },
    reports: platformReports.map(({ report: r, fromPlatform, context }) => ({
      reference: r.reference,
      receivedAt: r.receivedAt,
      category: r.category,
      dangerNow: r.dangerNow,
      fromPlatform,
      description: r.description,
      contentUrls: r.contentUrls,
      mediaHashes: fromPlatform ? r.mediaHashes : [],
      reporterCountry: r.reporterCountry,
      displayName: context.displayName ?? null,
      ipCaptureEvents: (context.ipCaptureEvents ?? []) as IpCaptureEvent[],
    })),
    suspension,
    holds,
    priorReferrals: prior
      .filter((p) => !seen.has(`${p.hotline}|${p.hotlineReportId}`) && seen.add(`${p.hotline}|${p.hotlineReportId}`))
      .map((p) => ({ hotline: p.hotline, hotlineReportId: p.hotlineReportId!, caseId: p.caseId, caseNumber: String(p.case.caseNumber), submittedAt: p.submittedAt })),
    network,
    knownContent,
  };
}
