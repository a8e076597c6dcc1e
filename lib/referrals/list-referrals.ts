import 'server-only';
import { getPrisma } from '@/lib/db';
import type { Hotline, ReferralStatus } from '@/lib/generated/prisma/enums';
import { HOTLINE_REGISTRY } from './hotlines';
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
    /** 1 for the first referral of the case to this hotline; later versions count up. */
    version: number;
    status: ReferralStatus;
    preparedAt: string | null;
    payloadSha256: string | null;
    /** Reports that arrived after this version was prepared (0 for superseded or acknowledged versions). */
    reportsSince: number;
    /** The hotline report IDs of earlier versions this one follows up (it cites them). */
    followUpOf: string[];
    createdAt: string;
    createdById: string;
    createdByName: string;
    approval: { status: string; requestedById: string; decidedByName: string | null; decisionReason: string | null } | null;
    hotlineReportId: string | null;
    submittedAt: string | null;
    exports: { version: number; sha256: string; sizeBytes: number; createdAt: string; createdByName: string }[];
    /** The stored payload bytes (as text) awaiting a decision: exactly what approval binds and export copies. */
    preview: { path: string; text: string; sha256: string } | null;
  }[];
  /** Hotlines for which a referral may be prepared now (none in progress, or new reports since the latest). */
  preparable: Hotline[];
};

/** Everything the referral panel shows: routing with reasons, referral versions with their state and exports, the stored previews. */
export async function getReferralPanel(caseId: string): Promise<ReferralPanelDto> {
  const settings = referralSettings();
  const source = await loadCaseForReferral(caseId);
  const rows = await getPrisma().referral.findMany({
    where: { caseId },
    orderBy: [{ hotline: 'asc' }, { version: 'asc' }],
    select: {
      id: true, hotline: true, version: true, status: true, createdAt: true, createdById: true, hotlineReportId: true, submittedAt: true,
      preparedAt: true, payloadSha256: true, reportCount: true,
      createdBy: { select: { name: true } },
      approval: { select: { status: true, requestedById: true, decisionReason: true, decidedBy: { select: { name: true } } } },
      exports: { orderBy: { version: 'desc' }, select: { version: true, sha256: true, sizeBytes: true, createdAt: true, createdBy: { select: { name: true } } } },
    },
  });
  const routes = routeCase({ categories: source.categories, reports: source.reports, accountCountryHint: source.account.countryHint }, settings.hotlines);
  const reportCount = source.reports.length;
  const inProgress = (r: (typeof rows)[number]) => ['draft', 'approved', 'exported'].includes(r.status) && !(r.status === 'draft' && r.approval?.status === 'rejected');
  const reportsSince = (r: (typeof rows)[number]) => (inProgress(r) ? Math.max(0, reportCount - r.reportCount) : 0);
  // Only the draft waiting for a decision carries its (possibly large) payload text to the page.
  const pendingIds = rows.filter((r) => r.status === 'draft' && r.approval?.status === 'pending').map((r) => r.id);
  const payloads = new Map(
    (await getPrisma().referral.findMany({ where: { id: { in: pendingIds } }, select: { id: true, payloadText: true } })).map((p) => [p.id, p.payloadText]),
  );
  return {
    caseId,
    caseNumber: source.caseNumber,
    routes,
    preparable: routes
      .map((route) => route.hotline)
      .filter((hotline) => {
        const latest = rows.filter((r) => r.hotline === hotline).at(-1);
        return !latest || !inProgress(latest) || reportsSince(latest) > 0 || latest.payloadSha256 === null;
      }),
    priorReports: source.priorReferrals.map((p) => ({ hotline: p.hotline, hotlineReportId: p.hotlineReportId, caseNumber: p.caseNumber })),
    referrals: rows.map((r) => ({
      id: r.id,
      hotline: r.hotline,
      version: r.version,
      status: r.status,
      preparedAt: r.preparedAt?.toISOString() ?? null,
      payloadSha256: r.payloadSha256,
      reportsSince: reportsSince(r),
      followUpOf: rows.filter((o) => o.hotline === r.hotline && o.version < r.version && o.hotlineReportId).map((o) => o.hotlineReportId!),
      createdAt: r.createdAt.toISOString(),
      createdById: r.createdById,
      createdByName: r.createdBy.name,
      approval: r.approval ? { status: r.approval.status, requestedById: r.approval.requestedById, decidedByName: r.approval.decidedBy?.name ?? null, decisionReason: r.approval.decisionReason } : null,
      hotlineReportId: r.hotlineReportId,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      exports: r.exports.map((e) => ({ version: e.version, sha256: e.sha256, sizeBytes: e.sizeBytes, createdAt: e.createdAt.toISOString(), createdByName: e.createdBy.name })),
      preview:
        payloads.get(r.id) && r.payloadSha256
          ? { path: HOTLINE_REGISTRY[r.hotline].payloadFile, text: payloads.get(r.id)!, sha256: r.payloadSha256 }
          : null,
    })),
  };
}
