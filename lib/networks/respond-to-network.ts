import 'server-only';
import { randomUUID } from 'node:crypto';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { CONFLICT_MESSAGE, requireActorRole, staffAudit } from '@/lib/cases/case-transaction';
import { checkTransition } from '@/lib/cases/state-machine';
import { suspendAccount } from '@/lib/cases/suspend-account';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { accountPreserved } from '@/lib/preservation/account-preserved';
import { getReferralSummary } from '@/lib/referrals/get-referral-summary';
import { HOTLINE_REGISTRY } from '@/lib/referrals/hotlines';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { recordPreservation } from '@/lib/response/record-preservation';
import { getAccountNetwork } from './get-account-network';
import { accountLabel, MEASURE_EVENT, type NetworkMeasure } from './network-rules';
import type { TNetworkResponseInput } from './schema';
import type { NetworkAccount } from './types';

export type NetworkStepResult = { measure: NetworkMeasure; result: 'done' | 'skipped' | 'refused'; message: string };
export type NetworkAccountResult = {
  accountId: string;
  label: string;
  caseId: string | null;
  caseNumber: string | null;
  outcome: 'done' | 'partly' | 'refused';
  steps: NetworkStepResult[];
  actionIds: string[];
  referralIds: string[];
};

type Step = { done: boolean; message: string; version?: number; actionId?: string; referralIds?: string[] };

/**
 * A supervisor applies one response (suspend, preserve, draft referrals, or several) to accounts
 * selected from a case's network. Each account is decided on its own, by the same verbs a single
 * case uses (suspendAccount, recordPreservation, prepareReferral): each measure is its own
 * transaction with its case action, case change, audit entry and platform message, checked against
 * the version the page showed. A refusal (stale version, a status that does not allow it, an
 * account no longer in the network) stops that account's later measures and is reported for it;
 * it never undoes or blocks the other accounts. A summary entry (network.response_applied) then
 * names every account and what happened to it.
 */
export async function respondToNetwork({ input, actor }: { input: TNetworkResponseInput; actor: StaffPrincipal }): Promise<{ results: NetworkAccountResult[] }> {
  requireActorRole(actor, 'supervisor');
  const prisma = getPrisma();
  const centre = await prisma.case.findUnique({ where: { id: input.caseId }, select: { accountId: true } });
  if (!centre) throw new AppError('not_found', 'There is no such case.');
  const network = await getAccountNetwork(prisma, centre.accountId);
  const byId = new Map(network.accounts.map((a) => [a.id, a]));

  const results: NetworkAccountResult[] = [];
  for (const target of input.targets) results.push(await respondForAccount(input, actor, target, byId.get(target.accountId) ?? null));

  await prisma.$transaction(async (tx) => {
    await writeAudit(
      tx,
      {
        event: 'network.response_applied',
        caseId: input.caseId,
        payload: {
          centreAccountId: centre.accountId,
          measures: input.measures,
          reasonCode: input.measures.includes('suspend') ? (input.reasonCode ?? null) : null,
          until: input.measures.includes('suspend') && input.enforcement === 'until' ? (input.until?.toISOString() ?? null) : null,
          accounts: results.map((r) => ({ accountId: r.accountId, caseId: r.caseId, outcome: r.outcome, actionIds: r.actionIds, referralIds: r.referralIds })),
        },
      },
      staffAudit(actor, input.caseId),
    );
  });
  return { results };
}

async function respondForAccount(
  input: TNetworkResponseInput,
  actor: StaffPrincipal,
  target: TNetworkResponseInput['targets'][number],
  account: NetworkAccount | null,
): Promise<NetworkAccountResult> {
  const result: NetworkAccountResult = {
    accountId: target.accountId,
    label: account ? accountLabel(account) : target.accountId,
    caseId: account?.openCase?.id ?? null,
    caseNumber: account?.openCase?.caseNumber ?? null,
    outcome: 'refused',
    steps: [],
    actionIds: [],
    referralIds: [],
  };
  const refuseAll = (message: string) => {
    result.steps = input.measures.map((measure) => ({ measure, result: 'refused', message }));
    return result;
  };
  if (!account) return refuseAll('Not in this case’s network (any more); reload to see the network now.');
  if (account.openCase?.id !== target.caseId) return refuseAll('Its open case changed since the page was loaded; reload to see it.');

  let version = target.expectedVersion;
  for (const [i, measure] of input.measures.entries()) {
    try {
      const step = await applyMeasure(measure, { input, actor, account, caseId: target.caseId, version });
      if (step.version !== undefined) version = step.version;
      if (step.actionId) result.actionIds.push(step.actionId);
      result.referralIds.push(...(step.referralIds ?? []));
      result.steps.push({ measure, result: step.done ? 'done' : 'skipped', message: step.message });
    } catch (error) {
      result.steps.push({ measure, result: 'refused', message: refusalText(error) });
      // Later measures are not tried: the case is not in the state the supervisor saw.
      for (const later of input.measures.slice(i + 1)) result.steps.push({ measure: later, result: 'refused', message: 'Not tried: an earlier measure was refused.' });
      break;
    }
  }
  const done = result.steps.filter((s) => s.result !== 'refused').length;
  result.outcome = done === result.steps.length ? 'done' : done > 0 ? 'partly' : 'refused';
  return result;
}

type MeasureArgs = { input: TNetworkResponseInput; actor: StaffPrincipal; account: NetworkAccount; caseId: string; version: number };

async function applyMeasure(measure: NetworkMeasure, { input, actor, account, caseId, version }: MeasureArgs): Promise<Step> {
  if (measure === 'suspend') {
    const until = input.enforcement === 'until' ? input.until : null;
    const r = await suspendAccount({ caseId, actor, expectedVersion: version, input: { type: 'suspend', reasonCode: input.reasonCode!, note: input.note, until } });
    return { done: true, message: until ? `Suspended until ${until.toISOString()}.` : 'Suspended permanently.', version: r.version, actionId: r.actionId };
  }
  if (measure === 'preserve') {
    if (await accountPreserved(account.id)) return { done: false, message: 'Already preserved by a hold in force.' };
    const r = await recordPreservation({ caseId, actor, expectedVersion: version, input: { type: 'record_preservation', note: input.note } });
    return { done: true, message: 'Preserved: a pending-referral hold for one year.', version: r.version, actionId: r.actionId };
  }
  return draftReferrals({ actor, caseId, version });
}

/** Drafts every referral the router requires for the case, as its referral panel would one by one. */
async function draftReferrals({ actor, caseId, version }: { actor: StaffPrincipal; caseId: string; version: number }): Promise<Step> {
  // prepareReferral takes no expected version; the network response checks it here, as every measure does.
  const kase = await getPrisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, version: true } });
  if (kase.version !== version) throw new AppError('conflict', CONFLICT_MESSAGE);
  const allowed = checkTransition(kase.status, MEASURE_EVENT.refer, { role: actor.role, isHolder: false });
  if (!allowed.ok) throw new AppError('conflict', allowed.reason);
  const { routes } = await getReferralSummary(caseId);
  if (routes.length === 0) return { done: false, message: 'No hotline takes this case.' };
  const referralIds: string[] = [];
  const notes: string[] = [];
  for (const { hotline } of routes) {
    const name = HOTLINE_REGISTRY[hotline].name;
    try {
      referralIds.push((await prepareReferral({ caseId, hotline, actor })).referralId);
      notes.push(`Referral to the ${name} drafted for approval.`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notes.push(`Referral to the ${name} not drafted: ${error.userMessage}`);
    }
  }
  if (referralIds.length === 0) throw new AppError('conflict', notes.join(' '));
  return { done: true, message: notes.join(' '), referralIds };
}

function refusalText(error: unknown): string {
  if (error instanceof AppError) return error.userMessage;
  const reference = randomUUID();
  console.error(`[${reference}] network response failed for one account`, error);
  return `Something went wrong on our side (reference ${reference.slice(0, 8)}).`;
}
