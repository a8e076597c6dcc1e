import 'server-only';
import type { TAuditEvent } from '@/lib/audit/events';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import type { Prisma, Tx } from '@/lib/db';
import type { ActionType, CaseStatus } from '@/lib/generated/prisma/enums';
import { enqueueDecision } from '@/lib/platform/outbox';
import { decisionMessage, staffAudit, type LockedCase } from './case-transaction';
import type { ActionResultSummary } from './types';

/** Case events whose payload starts with the change every case event records. */
type CaseChangeEvent = Extract<TAuditEvent, { payload: { from: CaseStatus; to: CaseStatus; version: number; actionId: string } }>;
type EventName = CaseChangeEvent['event'];
/** What a verb adds to an event's payload beyond from, to, version and actionId. */
type PayloadExtras<E extends EventName> = Omit<Extract<CaseChangeEvent, { event: E }>['payload'], 'from' | 'to' | 'version' | 'actionId'>;

export type CaseActionRecord<E extends EventName> = {
  action: {
    type: ActionType;
    reasonCode?: string | null;
    note?: string | null;
    approvalId?: string | null;
    details?: Prisma.InputJsonValue;
  };
  /** The case update; it must raise the version (handOffCase and closeCase do). Default: version + 1 only. */
  caseUpdate?: Prisma.CaseUncheckedUpdateInput;
  audit: { event: E; payload: PayloadExtras<E> };
  /** The platform's message, for decisions (lib/platform/outbox.ts). */
  decision?: { type: string; reasonCode: string | null; details?: Record<string, unknown> };
};

/**
 * The common end of a case verb, inside its withCaseChange transaction: the case_actions row, the case
 * update, the audit entry (carrying from, to, the new version and the action's id, as every case event
 * does) and, for decisions, the outbox row the platform learns it from. Verb-specific writes (an
 * approval, the account's enforcement) happen in the same transaction before or after.
 */
export async function recordCaseAction<E extends EventName>(
  { tx, kase, to, now, actor }: { tx: Tx; kase: LockedCase; to: CaseStatus; now: Date; actor: StaffPrincipal },
  record: CaseActionRecord<E>,
): Promise<ActionResultSummary> {
  const { action: a } = record;
  const action = await tx.caseAction.create({
    data: {
      caseId: kase.id,
      actorId: actor.id,
      type: a.type,
      reasonCode: a.reasonCode ?? null,
      note: a.note ?? null,
      approvalId: a.approvalId ?? null,
      ...(a.details === undefined ? {} : { details: a.details }),
    },
    select: { id: true },
  });
  const updated = await tx.case.update({
    where: { id: kase.id },
    data: record.caseUpdate ?? { version: { increment: 1 } },
    select: { version: true },
  });
  const payload = { from: kase.status, to, version: updated.version, actionId: action.id, ...record.audit.payload };
  // writeAudit validates the event against its schema at run time, so the assertion cannot let a wrong payload through.
  const event = { event: record.audit.event, caseId: kase.id, payload } as unknown as TAuditEvent;
  await writeAudit(tx, event, staffAudit(actor, kase.id));
  if (record.decision) {
    const { type, reasonCode, details = {} } = record.decision;
    await enqueueDecision(tx, await decisionMessage(tx, kase, type, reasonCode, details, now));
  }
  return { caseId: kase.id, status: to, version: updated.version, actionId: action.id };
}
