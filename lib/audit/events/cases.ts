import { z } from 'zod';

/**
 * Audit events of the cases domain (claims, decisions, approvals); see lib/audit/events.ts. Every
 * member is filed under its case. Payloads hold IDs, codes and status changes; note bodies and
 * decision reasons stay in their own tables (case_notes, approvals), not in the log.
 */

const status = z.enum(['open', 'in_review', 'escalated', 'awaiting_approval', 'responding', 'closed']);
/** The status change and the case's new version, common to every case event. */
const change = { from: status, to: status, version: z.number().int() };
const staffId = z.uuid();
const obligation = z.object({ obligationId: z.uuid(), kind: z.enum(['preservation', 'referral', 'stand_down']), hotline: z.enum(['ncmec', 'uk_nca']).nullable() });

export const casesEvents = [
  // Reading a case is audited too (lib/cases/get-case.ts): who looked at what, and whether reporter
  // contact details were shown.
  z.object({
    event: z.literal('case.viewed'),
    caseId: z.uuid(),
    payload: z.object({ status, version: z.number().int(), contactsShown: z.boolean() }),
  }),
  z.object({
    event: z.literal('case.claimed'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      leaseExpiresAt: z.iso.datetime(),
      /** Set when the case was taken over from an expired claim. */
      previousAssigneeId: staffId.nullable(),
    }),
  }),
  z.object({
    event: z.literal('case.released'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      previousAssigneeId: staffId,
      reasonCode: z.string().nullable(),
      /** True when a supervisor released someone else's claim. */
      byOther: z.boolean(),
    }),
  }),
  z.object({
    event: z.literal('case.lease_expired'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), previousAssigneeId: staffId.nullable(), leaseExpiredAt: z.iso.datetime() }),
  }),
  z.object({
    event: z.literal('case.reassigned'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      fromAssigneeId: staffId.nullable(),
      toAssigneeId: staffId,
      reasonCode: z.string(),
    }),
  }),
  z.object({
    event: z.literal('case.account_suspended'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      accountId: z.uuid(),
      reasonCode: z.string(),
      /** null: permanent. */
      until: z.iso.datetime().nullable(),
    }),
  }),
  z.object({
    event: z.literal('case.dismissed'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), reasonCode: z.string() }),
  }),
  z.object({
    event: z.literal('case.escalated'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), reasonCode: z.string() }),
  }),
  z.object({
    event: z.literal('case.note_added'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), noteId: z.uuid() }),
  }),
  z.object({
    event: z.literal('case.preservation_hold_requested'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      approvalId: z.uuid(),
      reasonCode: z.string(),
      durationDays: z.number().int(),
    }),
  }),
  z.object({
    event: z.literal('case.preservation_hold_approved'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      approvalId: z.uuid(),
      requestedById: staffId,
      holdId: z.uuid(),
      accountId: z.uuid(),
      expiresAt: z.iso.datetime(),
    }),
  }),
  z.object({
    event: z.literal('case.preservation_hold_rejected'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), approvalId: z.uuid(), requestedById: staffId }),
  }),
  z.object({
    event: z.literal('case.account_reinstated'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), accountId: z.uuid(), reasonCode: z.string() }),
  }),
  // The response (lib/response/): obligations opened and met, the combined response, preservation
  // recorded with it, stand-down requests on danger-now cases, waivers, and the automatic close.
  z.object({
    event: z.literal('case.obligations_opened'),
    caseId: z.uuid(),
    payload: z.object({ obligations: z.array(obligation).min(1) }),
  }),
  z.object({
    event: z.literal('case.obligations_met'),
    caseId: z.uuid(),
    payload: z.object({ obligations: z.array(obligation).min(1) }),
  }),
  z.object({
    event: z.literal('case.obligation_waived'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), obligation }),
  }),
  z.object({
    event: z.literal('case.closed'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      resolution: z.enum(['suspended', 'preserved', 'dismissed', 'merged', 'referred']),
      trigger: z.enum(['referral_acknowledged', 'obligation_waived', 'approval_decided']),
    }),
  }),
  z.object({
    event: z.literal('case.preservation_recorded'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), holdId: z.uuid(), accountId: z.uuid(), reasonCode: z.string(), expiresAt: z.iso.datetime() }),
  }),
  z.object({
    event: z.literal('case.responded'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionIds: z.array(z.uuid()).min(1),
      accountId: z.uuid(),
      reasonCode: z.string(),
      /** null: no enforcement; 'permanent' or the suspension's end. */
      suspension: z.union([z.literal('permanent'), z.iso.datetime()]).nullable(),
      /** The hold started with the response, or null when one was already in force. */
      holdId: z.uuid().nullable(),
      referrals: z.array(
        z.object({ hotline: z.enum(['ncmec', 'uk_nca']), referralId: z.uuid().nullable(), version: z.number().int().nullable(), notPrepared: z.string().nullable() }),
      ),
    }),
  }),
  z.object({
    event: z.literal('case.referral_drafted'),
    caseId: z.uuid(),
    payload: z.object({ ...change, referralId: z.uuid(), hotline: z.enum(['ncmec', 'uk_nca']) }),
  }),
  z.object({
    event: z.literal('case.stand_down_requested'),
    caseId: z.uuid(),
    payload: z.object({ ...change, actionId: z.uuid(), approvalId: z.uuid(), reasonCode: z.string() }),
  }),
  z.object({
    event: z.literal('case.stand_down_decided'),
    caseId: z.uuid(),
    payload: z.object({
      ...change,
      actionId: z.uuid(),
      approvalId: z.uuid(),
      requestedById: staffId,
      decision: z.enum(['approved', 'rejected']),
      /** 'dismissal' closes the case as dismissed; 'obligation' settles a responding case's obligation. */
      via: z.enum(['dismissal', 'obligation']),
    }),
  }),
  // A suspension with an end date ran out: the account's state returns to none (the platform
  // enforced the end itself; it learned the date with the suspension).
  z.object({
    event: z.literal('account.suspensions_ended'),
    payload: z.object({ accountIds: z.array(z.uuid()).min(1) }),
  }),
] as const;
