import 'server-only';
import { getPrisma } from '@/lib/db';
import type { Hotline, ReferralStatus } from '@/lib/generated/prisma/enums';
import { buildPayloadText } from './build-packet';
import { loadCaseForReferral } from './load-case-for-referral';
import { routeCase, type HotlineRoute } from './routing';
import { referralSettings } from './settings';

export type ReferralPanelDto = {
  caseId: string;
  caseNumber: string;
  routes: HotlineRoute[];
  priorReports: { hotline: Hotline; hotlineReportId: string; caseNumber: string }[];
  referrals: {
    id: string;
    hotline: Hotline;
    status: ReferralStatus;
    createdAt: string;
    createdById: string;
    createdByName: string;
    approval: { status: string; requestedById: string; decidedByName: string | null; decisionReason: string | null } | null;
    hotlineReportId: string | null;
    submittedAt: string | null;
    exports: { version: number; sha256: string; sizeBytes: number; createdAt: string; createdByName: string }[];
    /** The payload as it would be built now, shown as text for review. */
    preview: { path: string; text: string; sha256: string } | null;
  }[];
};

/** Everything the referral panel shows: routing with reasons, referrals with their state and exports, previews. */
export async function getReferralPanel(caseId: string): Promise<ReferralPanelDto> {
  const settings = referralSettings();
  const source = await loadCaseForReferral(caseId);
  const rows = await getPrisma().referral.findMany({
    where: { caseId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true, hotline: true, status: true, createdAt: true, createdById: true, hotlineReportId: true, submittedAt: true,
      createdBy: { select: { name: true } },
      approval: { select: { status: true, requestedById: true, decisionReason: true, decidedBy: { select: { name: true } } } },
      exports: { orderBy: { version: 'desc' }, select: { version: true, sha256: true, sizeBytes: true, createdAt: true, createdBy: { select: { name: true } } } },
    },
  });
  const now = new Date();
  return {
    caseId,
    caseNumber: source.caseNumber,
    routes: routeCase({ categories: source.categories, reports: source.reports, accountCountryHint: source.account.countryHint }, settings.hotlines),
    priorReports: source.priorReferrals.map((p) => ({ hotline: p.hotline, hotlineReportId: p.hotlineReportId, caseNumber: p.caseNumber })),
    referrals: rows.map((r) => ({
      id: r.id,
      hotline: r.hotline,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      createdById: r.createdById,
      createdByName: r.createdBy.name,
      approval: r.approval ? { status: r.approval.status, requestedById: r.approval.requestedById, decidedByName: r.approval.decidedBy?.name ?? null, decisionReason: r.approval.decisionReason } : null,
      hotlineReportId: r.hotlineReportId,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      exports: r.exports.map((e) => ({ version: e.version, sha256: e.sha256, sizeBytes: e.sizeBytes, createdAt: e.createdAt.toISOString(), createdByName: e.createdBy.name })),
      preview: r.status === 'draft' && r.approval?.status === 'pending' ? buildPayloadText(source, settings.org, r.hotline, now) : null,
    })),
  };
}
