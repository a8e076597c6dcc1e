import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { lockCase, requireActorRole, staffAudit, type LockedCase } from '@/lib/cases/case-transaction';
import { checkTransition } from '@/lib/cases/state-machine';
import { caseUpdateAfter, settleCase } from '@/lib/response/settle-case';
import type { Tx } from '@/lib/db';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { prepareFrozenReferral } from './build-packet';
import { HOTLINE_REGISTRY } from './hotlines';
import { loadCaseForReferral } from './load-case-for-referral';
import { referralAudit } from './referral-transaction';
import { routeCase } from './routing';
import { referralSettings } from './settings';
import type { Hotline } from './types';

type Latest = { id: string; version: number; status: string; reportCount: number; payloadSha256: string | null; approval: { id: string; status: string } | null };

/**
 * What preparing does with the latest version of the case's referral to this hotline: a first
 * version, the same version again (after a rejection), or a new version (after the hotline
 * acknowledged the last one — a follow-up citing it — or when reports arrived after the last one
 * was prepared, which it supersedes). Refused while the latest version is in progress and nothing
 * new has arrived.
 */
function nextStep(latest: Latest | null, reportCount: number, hotlineName: string): { kind: 'first' } | { kind: 'again' } | { kind: 'new'; supersede: boolean } {
  if (!latest) return { kind: 'first' };
  if (latest.status === 'acknowledged' || latest.status === 'superseded') return { kind: 'new', supersede: false };
  if (latest.status === 'draft' && latest.approval?.status === 'rejected') return { kind: 'again' };
  // A version prepared before payloads were frozen, or one that new reports have overtaken.
  if (latest.payloadSha256 === null || reportCount > latest.reportCount) return { kind: 'new', supersede: true };
  throw new AppError('conflict', `A referral of this case to the ${hotlineName} is already ${latest.status}, and no report has arrived since it was prepared.`);
}

/**
 * A moderator prepares a referral of a case to one hotline. The payload is built ONCE here (fixed
 * generatedAt), validated, and stored with its SHA-256 and the summary data: the supervisor reviews
 * exactly these bytes, the approval binds their hash, and every export copies them. Later reports
 * never change a prepared version; they make a new version possible (prepared and approved again).
 * Refused when the routing rules do not send the case to that hotline.
 *
 * Preparing is also a measure of the response (lib/response/): on a case under review (by its
 * holder, or escalated to a supervisor) or already responding, the case's obligations follow and it
 * becomes `responding`, in the same transaction.
 */
export async function prepareReferral({ caseId, hotline, actor, now = new Date() }: { caseId: string; hotline: Hotline; actor: StaffPrincipal; now?: Date }) {
  requireActorRole(actor, 'moderator');
  return getPrisma().$transaction(
    async (tx) => {
      const kase = await lockCase(tx, caseId);
      const prepared = await prepareReferralInCase(tx, { kase, hotline, actor, now });
      await recordReferralMeasure(tx, { kase, actor, now, referralId: prepared.referralId, hotline });
      return prepared;
    },
    { timeout: 30_000 },
  );
}

/** Preparing as a measure: moves a reviewed case to responding (or closed when nothing is owed). */
async function recordReferralMeasure(tx: Tx, args: { kase: LockedCase; actor: StaffPrincipal; now: Date; referralId: string; hotline: Hotline }) {
  const { kase, actor, now } = args;
  const actorView = { role: actor.role, isHolder: kase.assigneeId === actor.id };
  if (!checkTransition(kase.status, 'prepare_referral', actorView).ok) return;
  const settlement = await settleCase(tx, { kase, actor, now, open: true });
  const updated = await tx.case.update({ where: { id: kase.id }, data: caseUpdateAfter(kase, settlement, now), select: { version: true } });
  await writeAudit(
    tx,
    {
      event: 'case.referral_drafted',
      caseId: kase.id,
      payload: { from: kase.status, to: settlement.status, version: updated.version, referralId: args.referralId, hotline: args.hotline },
    },
    staffAudit(actor, kase.id),
  );
}

/**
 * The preparation itself, inside the caller's transaction with the case row already locked (the
 * combined response prepares every required referral this way).
 */
export async function prepareReferralInCase(tx: Tx, { kase, hotline, actor, now }: { kase: LockedCase; hotline: Hotline; actor: StaffPrincipal; now: Date }) {
  const caseId = kase.id;
  const settings = referralSettings();
  const hotlineName = HOTLINE_REGISTRY[hotline].name;
  const source = await loadCaseForReferral(caseId, tx, now);
  const routes = routeCase({ categories: source.categories, reports: source.reports, accountCountryHint: source.account.countryHint }, settings.hotlines);
  if (!routes.some((r) => r.hotline === hotline)) throw new AppError('conflict', `This case does not go to the ${hotlineName}.`);
  const latest = await tx.referral.findFirst({
    where: { caseId, hotline },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, status: true, reportCount: true, payloadSha256: true, approval: { select: { id: true, status: true } } },
  });
  const step = nextStep(latest, source.reports.length, hotlineName);
  const frozen = await prepareFrozenReferral(source, settings.org, hotline, now, settings.xsdFile);
  const stored = { payloadText: frozen.text, payloadSha256: frozen.sha256, preparedAt: now, summary: frozen.summary, reportCount: source.reports.length };
  if (step.kind === 'new' && step.supersede && latest) await supersede(tx, latest);
  const version = step.kind === 'first' ? 1 : step.kind === 'again' ? latest!.version : latest!.version + 1;
  const referral =
    step.kind === 'again'
      ? await tx.referral.update({ where: { id: latest!.id }, data: { ...stored, createdById: actor.id }, select: { id: true } })
      : await tx.referral.create({ data: { caseId, hotline, version, createdById: actor.id, createdAt: now, ...stored }, select: { id: true } });
  const approval = await tx.approval.create({
    data: {
      kind: 'referral',
      caseId,
      requestedById: actor.id,
      requestedAt: now,
      reasonCode: 'hotline_referral',
      payload: { referralId: referral.id, hotline, version, payloadSha256: frozen.sha256 },
    },
    select: { id: true },
  });
  await tx.referral.update({ where: { id: referral.id }, data: { approvalId: approval.id } });
  await writeAudit(
    tx,
    {
      event: 'referral.prepared',
      caseId,
      payload: {
        referralId: referral.id,
        hotline,
        approvalId: approval.id,
        payloadSha256: frozen.sha256,
        priorReports: source.priorReferrals.length,
        version,
        reportCount: source.reports.length,
        supersedes: step.kind === 'new' && step.supersede ? latest!.id : null,
      },
    },
    referralAudit(actor, referral.id),
  );
  return { referralId: referral.id, approvalId: approval.id, payloadSha256: frozen.sha256, version };
}

/** The older version is replaced: it can no longer be approved or exported; a pending approval is withdrawn. */
async function supersede(tx: Tx, latest: Latest): Promise<void> {
  await tx.referral.update({ where: { id: latest.id }, data: { status: 'superseded' } });
  if (latest.approval?.status === 'pending') await tx.approval.update({ where: { id: latest.approval.id }, data: { status: 'withdrawn' } });
}
