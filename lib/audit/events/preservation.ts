import { z } from 'zod';

/**
 * Audit events of preservation holds once they exist (lib/preservation/): extended, early release
 * asked for and decided, expired. Starting a hold is audited by the case event that started it.
 * Each member with a caseId is filed under the hold's case; reasons stay in case_actions and
 * approvals, not in the log.
 */

const basis = z.enum(['law_enforcement_request', 'pending_referral', 'cybertip_report']);
const hold = { holdId: z.uuid(), accountId: z.uuid(), basis };

export const preservationEvents = [
  z.object({
    event: z.literal('preservation.hold_extended'),
    caseId: z.uuid(),
    payload: z.object({
      ...hold,
      actionId: z.uuid(),
      days: z.number().int().positive(),
      previousExpiresAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
      /** How many times the hold has now been extended. */
      extensions: z.number().int().positive(),
    }),
  }),
  z.object({
    event: z.literal('preservation.hold_release_requested'),
    caseId: z.uuid(),
    payload: z.object({ ...hold, actionId: z.uuid(), approvalId: z.uuid(), reasonCode: z.string() }),
  }),
  z.object({
    event: z.literal('preservation.hold_release_decided'),
    caseId: z.uuid(),
    payload: z.object({
      ...hold,
      actionId: z.uuid(),
      approvalId: z.uuid(),
      requestedById: z.uuid(),
      decision: z.enum(['approved', 'rejected']),
      /** The account's enforcement after the decision (unchanged on rejection). */
      enforcement: z.enum(['none', 'suspended', 'preserved']),
    }),
  }),
  // The worker ended holds whose expiry passed: one entry per run, listing them.
  z.object({
    event: z.literal('preservation.holds_expired'),
    payload: z.object({
      holds: z
        .array(
          z.object({
            ...hold,
            caseId: z.uuid(),
            expiresAt: z.iso.datetime(),
            enforcement: z.enum(['none', 'suspended', 'preserved']),
            /** A pending early-release request of the hold, withdrawn because the hold ended first. */
            withdrawnApprovalId: z.uuid().nullable(),
          }),
        )
        .min(1),
    }),
  }),
] as const;
