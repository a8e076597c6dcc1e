import type { StaffPrincipal } from '@/lib/auth/roles';
import { decideApproval } from '@/lib/cases/decide-approval';
import { dismissCase } from '@/lib/cases/dismiss-case';
import { escalateCase } from '@/lib/cases/escalate-case';
import { getCase } from '@/lib/cases/get-case';
import { reinstateAccount } from '@/lib/cases/reinstate-account';
import { requestPreservationHold } from '@/lib/cases/request-preservation-hold';
import { ZDismissInput, ZEscalateInput, ZRecordPreservationInput, ZReinstateInput, ZRequestPreservationHoldInput, ZRespondInput, ZSuspendInput } from '@/lib/cases/schema';
import { suspendAccount } from '@/lib/cases/suspend-account';
import { getPrisma } from '@/lib/db';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { takeCase } from '@/lib/queue/take-case';
import { decideReferral } from '@/lib/referrals/decide-referral';
import { exportReferral } from '@/lib/referrals/export-referral';
import { getReferralPanel } from '@/lib/referrals/list-referrals';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { recordHotlineReport } from '@/lib/referrals/record-hotline-report';
import { recordPreservation } from '@/lib/response/record-preservation';
import { respondToCase } from '@/lib/response/respond-to-case';

/**
 * The staff side of the demo, one function per thing a person does, each calling the app's own
 * verbs (lib/cases, lib/queue, lib/referrals) exactly as the console's actions do. Every step reads
 * the case's current version first, as a page would have it.
 */
export type DemoStaff = { moderators: StaffPrincipal[]; supervisor: StaffPrincipal; admin: StaffPrincipal };

/** Who works a planned case (plan.ts Worker), and the moderator who prepares its referrals and asks for holds. */
export function workerOf(staff: DemoStaff, worker: number): { worker: StaffPrincipal; moderator: StaffPrincipal } {
  const moderator = staff.moderators[worker] ?? staff.moderators[0]!;
  return { worker: worker < staff.moderators.length ? moderator : staff.supervisor, moderator };
}

const SUSPEND_REASON: Readonly<Record<HarmCategory, string>> = {
  child_sexual_imagery: 'csam_shared',
  grooming: 'grooming',
  sextortion: 'sextortion',
  trafficking: 'trafficking',
  obscene_material_to_child: 'obscene_material_to_child',
  other_child_harm: 'other_child_harm',
  other_abuse: 'other_child_harm',
};

async function current(caseId: string) {
  return getPrisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, status: true, primaryCategory: true } });
}

/** Takes the case ("Take this case") and opens its page (which audits the view: exposure metrics). */
export async function claimAndOpen(caseId: string, actor: StaffPrincipal): Promise<void> {
  await takeCase({ caseId, actor });
  await getCase({ caseId, viewer: actor });
}

export async function dismiss(caseId: string, actor: StaffPrincipal, reasonCode: string): Promise<void> {
  const { version } = await current(caseId);
  await dismissCase({ caseId, actor, expectedVersion: version, input: ZDismissInput.parse({ type: 'dismiss', reasonCode }) });
}

export async function suspend(caseId: string, actor: StaffPrincipal): Promise<void> {
  const { version, primaryCategory } = await current(caseId);
  const input = ZSuspendInput.parse({ type: 'suspend', reasonCode: SUSPEND_REASON[primaryCategory], note: 'Checked the reports and the account’s recent activity.' });
  await suspendAccount({ caseId, actor, expectedVersion: version, input });
}

export async function escalate(caseId: string, actor: StaffPrincipal): Promise<void> {
  const { version } = await current(caseId);
  const input = ZEscalateInput.parse({ type: 'escalate', reasonCode: 'needs_supervisor_judgement', note: 'Borderline: the account may belong to a minor. Second opinion please.' });
  await escalateCase({ caseId, actor, expectedVersion: version, input });
}

export async function requestHold(caseId: string, actor: StaffPrincipal, reasonCode: string, durationDays?: number): Promise<void> {
  const { version } = await current(caseId);
  const note = reasonCode === 'law_enforcement_request' ? 'Police asked us to preserve the account data (reference in the case notes).' : 'Keep the account up and preserve its data while this is looked into.';
  const input = ZRequestPreservationHoldInput.parse({ type: 'request_preservation_hold', reasonCode, note, durationDays });
  await requestPreservationHold({ caseId, actor, expectedVersion: version, input });
}

export async function reinstate(caseId: string, actor: StaffPrincipal): Promise<void> {
  const { version } = await current(caseId);
  const input = ZReinstateInput.parse({ type: 'reinstate', reasonCode: 'mistaken_identity', note: 'The reports were about a different account with a similar name.' });
  await reinstateAccount({ caseId, actor, expectedVersion: version, input });
}

/** A supervisor decides the case's pending preservation-hold requests (opening the case first). */
export async function approvePendingHolds(caseId: string, staff: DemoStaff): Promise<void> {
  const pending = await getPrisma().approval.findMany({ where: { caseId, kind: 'preservation_hold', status: 'pending' }, select: { id: true, requestedById: true } });
  for (const approval of pending) {
    const actor = approval.requestedById === staff.supervisor.id ? staff.admin : staff.supervisor;
    await getCase({ caseId, viewer: actor });
    await decideApproval({ approvalId: approval.id, actor, decision: 'approve', reason: 'Request checked against the case; proportionate.' });
  }
}

/** "Suspend, preserve and refer" in one go: suspension, a pending-referral hold and a draft per hotline. */
export async function respond(caseId: string, actor: StaffPrincipal): Promise<void> {
  const { version, primaryCategory } = await current(caseId);
  const input = ZRespondInput.parse({ type: 'respond', enforcement: 'permanent', reasonCode: SUSPEND_REASON[primaryCategory], note: 'Reports confirmed against the account’s activity.' });
  await respondToCase({ caseId, actor, expectedVersion: version, input });
}

/** Preservation recorded as a measure (a pending-referral hold, started at once) while the case still owes it. */
export async function preserveIfOwed(caseId: string, actor: StaffPrincipal): Promise<void> {
  const { status, version } = await current(caseId);
  const owed = await getPrisma().caseObligation.count({ where: { caseId, kind: 'preservation', state: 'outstanding' } });
  if (status !== 'responding' || owed === 0) return;
  await recordPreservation({ caseId, actor, expectedVersion: version, input: ZRecordPreservationInput.parse({ type: 'record_preservation' }) });
}

/**
 * Prepares what the case's referral panel offers (getReferralPanel: the hotlines the router sends it
 * to, first versions and new versions once more reports arrived, which supersede the older one),
 * except follow-ups to an acknowledged version. NCMEC only when its schema is present.
 */
export async function prepareOffered(caseId: string, actor: StaffPrincipal, ncmecReady: boolean): Promise<void> {
  const panel = await getReferralPanel(caseId);
  for (const hotline of panel.preparable) {
    if (hotline === 'ncmec' && !ncmecReady) continue;
    if (panel.referrals.filter((r) => r.hotline === hotline).at(-1)?.status === 'acknowledged') continue;
    await prepareReferral({ caseId, hotline, actor });
  }
}

async function latestVersions(caseId: string, status: 'draft' | 'approved' | 'exported') {
  const rows = await getPrisma().referral.findMany({ where: { caseId }, orderBy: { version: 'desc' }, select: { id: true, hotline: true, status: true, createdById: true } });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.hotline)) latest.set(r.hotline, r);
  return [...latest.values()].filter((r) => r.status === status);
}

export async function approveReferrals(caseId: string, staff: DemoStaff): Promise<void> {
  for (const r of await latestVersions(caseId, 'draft')) {
    const actor = r.createdById === staff.supervisor.id ? staff.admin : staff.supervisor;
    await decideReferral({ referralId: r.id, actor, decision: 'approve', reason: 'Payload reviewed.' });
  }
}

export async function exportReferrals(caseId: string, actor: StaffPrincipal): Promise<void> {
  for (const r of await latestVersions(caseId, 'approved')) await exportReferral({ referralId: r.id, actor });
}

/** Records the hotline's report ID (a CyberTipline number, or an NCA reference) for each exported version. */
export async function acknowledgeReferrals(caseId: string, actor: StaffPrincipal, serial: number): Promise<void> {
  for (const r of await latestVersions(caseId, 'exported')) {
    const hotlineReportId = r.hotline === 'ncmec' ? String(190_000_000 + serial * 37) : `NCA-${String(48_000 + serial).padStart(6, '0')}`;
    const submittedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await recordHotlineReport({ input: { referralId: r.id, hotlineReportId, submittedAt }, actor });
  }
}
