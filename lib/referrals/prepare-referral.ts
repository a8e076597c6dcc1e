import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { lockCase, requireActorRole } from '@/lib/cases/case-transaction';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { buildPayload } from './build-packet';
import { HOTLINE_REGISTRY } from './hotlines';
import { loadCaseForReferral } from './load-case-for-referral';
import { referralAudit } from './referral-transaction';
import { routeCase } from './routing';
import { referralSettings } from './settings';
import type { Hotline } from './types';

/**
 * A moderator prepares a referral of a case to one hotline: a draft referral and a pending approval
 * (kind `referral`) that a different supervisor decides (decide-referral.ts). Refused when the
 * routing rules do not send the case to that hotline, or while another referral of the case to it
 * is still in progress. A case about an account referred before is a follow-up, never refused: its
 * packet cites the earlier hotline report IDs. A rejected draft can be prepared again.
 */
export async function prepareReferral({ caseId, hotline, actor, now = new Date() }: { caseId: string; hotline: Hotline; actor: StaffPrincipal; now?: Date }) {
  requireActorRole(actor, 'moderator');
  const settings = referralSettings();
  return getPrisma().$transaction(
    async (tx) => {
      await lockCase(tx, caseId);
      const source = await loadCaseForReferral(caseId, tx, now);
      const routes = routeCase({ categories: source.categories, reports: source.reports, accountCountryHint: source.account.countryHint }, settings.hotlines);
      if (!routes.some((r) => r.hotline === hotline)) {
        throw new AppError('conflict', `This case does not go to the ${HOTLINE_REGISTRY[hotline].name}.`);
      }
      const open = await tx.referral.findFirst({
        where: { caseId, hotline, status: { not: 'acknowledged' } },
        select: { id: true, status: true, approval: { select: { status: true } } },
      });
      if (open && !(open.status === 'draft' && open.approval?.status === 'rejected')) {
        throw new AppError('conflict', `A referral of this case to the ${HOTLINE_REGISTRY[hotline].name} is already ${open.status}.`);
      }
      const payload = await buildPayload(source, settings.org, hotline, now, settings.xsdFile);
      const referral = open
        ? { id: open.id }
        : await tx.referral.create({ data: { caseId, hotline, createdById: actor.id, createdAt: now }, select: { id: true } });
      const approval = await tx.approval.create({
        data: {
          kind: 'referral',
          caseId,
          requestedById: actor.id,
          requestedAt: now,
          reasonCode: 'hotline_referral',
          payload: { referralId: referral.id, hotline, payloadSha256: payload.sha256 },
        },
        select: { id: true },
      });
      await tx.referral.update({ where: { id: referral.id }, data: { approvalId: approval.id } });
      await writeAudit(
        tx,
        {
          event: 'referral.prepared',
          caseId,
          payload: { referralId: referral.id, hotline, approvalId: approval.id, payloadSha256: payload.sha256, priorReports: source.priorReferrals.length },
        },
        referralAudit(actor, referral.id),
      );
      return { referralId: referral.id, approvalId: approval.id, payloadSha256: payload.sha256 };
    },
    { timeout: 30_000 },
  );
}
