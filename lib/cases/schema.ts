import { z } from 'zod';
import { reasonCodesFor } from './reason-codes';

/**
 * Inputs of the case write side, shared by the console's forms and the server (lib/cases/*). The
 * actor is never part of an input: it always comes from the session (StaffPrincipal).
 */

export const NOTE_MAX = 5000;
export const DECISION_REASON_MAX = 2000;
/** Default and ceiling of a preservation hold: one year, extendable once (18 U.S.C. 2258A(h)). */
export const PRESERVATION_DAYS_DEFAULT = 365;
export const PRESERVATION_DAYS_MAX = 730;

/** Blank strings count as absent, so an empty textarea and a missing key mean the same. */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const optionalNote = blankAsAbsent(z.string().trim().max(NOTE_MAX, `A note must be at most ${NOTE_MAX} characters`));
const requiredNote = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(NOTE_MAX, `${what} must be at most ${NOTE_MAX} characters`);

const reason = (action: Parameters<typeof reasonCodesFor>[0]) =>
  z.enum(reasonCodesFor(action), { error: 'Choose a reason from the list' });

/**
 * When a suspension ends: an ISO 8601 date (`2027-01-31`, the end of that day UTC) or date-time with
 * offset, in the future; null or absent means permanent.
 */
export const ZSuspensionEnd = z
  .union([z.iso.datetime({ offset: true }), z.iso.date(), z.null()], {
    error: 'Give the end as an ISO date (YYYY-MM-DD) or leave it empty for a permanent suspension',
  })
  .optional()
  .transform((v) => (v == null ? null : new Date(v.length === 10 ? `${v}T23:59:59.999Z` : v)))
  .refine((d) => d === null || d.getTime() > Date.now(), 'The suspension must end in the future');

export const ZSuspendInput = z.object({
  type: z.literal('suspend'),
  reasonCode: reason('suspend'),
  note: optionalNote,
  until: ZSuspensionEnd,
});

export const ZRequestPreservationHoldInput = z.object({
  type: z.literal('request_preservation_hold'),
  reasonCode: reason('preservation_hold'),
  note: requiredNote('A note for the approver'),
  durationDays: z.coerce
    .number()
    .int()
    .min(1, 'At least one day')
    .max(PRESERVATION_DAYS_MAX, `At most ${PRESERVATION_DAYS_MAX} days`)
    .default(PRESERVATION_DAYS_DEFAULT),
});

export const ZDismissInput = z.object({
  type: z.literal('dismiss'),
  reasonCode: reason('dismiss'),
  note: optionalNote,
});

export const ZEscalateInput = z.object({
  type: z.literal('escalate'),
  reasonCode: reason('escalate'),
  note: optionalNote,
});

export const ZNoteInput = z.object({
  type: z.literal('note'),
  body: requiredNote('The note'),
});

export const ZReinstateInput = z.object({
  type: z.literal('reinstate'),
  reasonCode: reason('reinstate'),
  note: requiredNote('A note explaining the reinstatement'),
});

/** Preservation recorded with the response (basis pending_referral, one year): no second person needed. */
export const ZRecordPreservationInput = z.object({
  type: z.literal('record_preservation'),
  note: optionalNote,
});

/**
 * "Suspend, preserve and refer" (lib/response/respond-to-case.ts): the enforcement (permanent, until
 * a date, or none), preservation, and a draft of every referral the router requires, in one go.
 */
export const ZRespondInput = z
  .object({
    type: z.literal('respond'),
    enforcement: z.enum(['permanent', 'until', 'none'], { error: 'Choose the enforcement' }),
    reasonCode: reason('suspend'),
    until: ZSuspensionEnd,
    note: optionalNote,
  })
  .refine((v) => v.enforcement !== 'until' || v.until !== null, { path: ['until'], message: 'Give the date the suspension ends' });

export const ZWaiveObligationInput = z.object({
  type: z.literal('waive_obligation'),
  obligationId: z.uuid({ error: 'Unknown obligation' }),
  reason: requiredNote('A reason for the waiver'),
});

/** Asks a supervisor again to agree to stand down on a danger-now case (after a rejection). */
export const ZRequestStandDownInput = z.object({
  type: z.literal('request_stand_down'),
  note: requiredNote('A note for the supervisor'),
});

/** One action on a case, as the console's action forms submit it. */
export const ZCaseActionInput = z.discriminatedUnion('type', [
  ZSuspendInput,
  ZRequestPreservationHoldInput,
  ZDismissInput,
  ZEscalateInput,
  ZNoteInput,
  ZReinstateInput,
  ZRecordPreservationInput,
  ZRespondInput,
  ZWaiveObligationInput,
  ZRequestStandDownInput,
]);
export type TCaseActionInput = z.output<typeof ZCaseActionInput>;
export type TCaseActionFormInput = z.input<typeof ZCaseActionInput>;
export type CaseActionType = TCaseActionInput['type'];
export type TSuspendInput = z.output<typeof ZSuspendInput>;
export type TRequestPreservationHoldInput = z.output<typeof ZRequestPreservationHoldInput>;
export type TDismissInput = z.output<typeof ZDismissInput>;
export type TEscalateInput = z.output<typeof ZEscalateInput>;
export type TNoteInput = z.output<typeof ZNoteInput>;
export type TReinstateInput = z.output<typeof ZReinstateInput>;
export type TRecordPreservationInput = z.output<typeof ZRecordPreservationInput>;
export type TRespondInput = z.output<typeof ZRespondInput>;
export type TWaiveObligationInput = z.output<typeof ZWaiveObligationInput>;
export type TRequestStandDownInput = z.output<typeof ZRequestStandDownInput>;

const ZCaseId = z.uuid({ error: 'Unknown case' });
/** The case version the form was rendered from; a stale one is refused with a conflict. */
const ZExpectedVersion = z.coerce.number().int().min(1).max(2_147_483_647); // cases.version is a Postgres integer

export const ZTakeActionInput = z.object({
  caseId: ZCaseId,
  expectedVersion: ZExpectedVersion,
  input: ZCaseActionInput,
});
export type TTakeActionInput = z.output<typeof ZTakeActionInput>;

export const ZRenewLeaseInput = z.object({ caseId: ZCaseId });
export type TRenewLeaseInput = z.output<typeof ZRenewLeaseInput>;

/** "Take this case" on a case page (lib/queue/take-case.ts). */
export const ZTakeCaseInput = z.object({ caseId: ZCaseId });
export type TTakeCaseInput = z.output<typeof ZTakeCaseInput>;

export const ZReleaseCaseInput = z.object({
  caseId: ZCaseId,
  expectedVersion: ZExpectedVersion,
  reasonCode: blankAsAbsent(reason('release')),
});
export type TReleaseCaseInput = z.output<typeof ZReleaseCaseInput>;

export const ZReassignCaseInput = z.object({
  caseId: ZCaseId,
  assigneeId: z.uuid({ error: 'Choose who takes the case' }),
  expectedVersion: ZExpectedVersion,
  reasonCode: reason('reassign'),
  note: optionalNote,
});
export type TReassignCaseInput = z.output<typeof ZReassignCaseInput>;

export const ZDecideApprovalInput = z
  .object({
    approvalId: z.uuid({ error: 'Unknown approval' }),
    decision: z.enum(['approve', 'reject'], { error: 'Approve or reject' }),
    reason: z
      .string()
      .trim()
      .max(DECISION_REASON_MAX, `The reason must be at most ${DECISION_REASON_MAX} characters`)
      .default(''),
  })
  .refine((v) => v.decision === 'approve' || v.reason.length > 0, {
    path: ['reason'],
    message: 'Say why you reject the request',
  });
export type TDecideApprovalInput = z.output<typeof ZDecideApprovalInput>;
