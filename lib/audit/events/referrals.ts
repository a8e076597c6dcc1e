import { z } from 'zod';

/**
 * Audit events of hotline referrals (lib/referrals/); see lib/audit/events.ts. Each is filed under
 * its case and carries the SHA-256 of what was reviewed or handed over: the payload (report.xml or
 * report.json) when preparing, approving and exporting — the same hash, since the payload is built
 * once and every export copies it — and the packet ZIP when exporting and acknowledging.
 */
const hotline = z.enum(['ncmec', 'uk_nca']);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const base = { referralId: z.uuid(), hotline };

export const referralsEvents = [
  z.object({
    event: z.literal('referral.prepared'),
    caseId: z.uuid(),
    payload: z.object({
      ...base,
      approvalId: z.uuid(),
      payloadSha256: sha256,
      priorReports: z.number().int(),
      version: z.number().int().optional(),
      reportCount: z.number().int().optional(),
      /** The earlier version this one replaced (reports arrived after it was prepared). */
      supersedes: z.uuid().nullable().optional(),
    }),
  }),
  z.object({
    event: z.literal('referral.approved'),
    caseId: z.uuid(),
    payload: z.object({ ...base, approvalId: z.uuid(), requestedById: z.uuid(), payloadSha256: sha256 }),
  }),
  z.object({
    event: z.literal('referral.rejected'),
    caseId: z.uuid(),
    payload: z.object({ ...base, approvalId: z.uuid(), requestedById: z.uuid(), payloadSha256: sha256 }),
  }),
  z.object({
    event: z.literal('referral.exported'),
    caseId: z.uuid(),
    payload: z.object({ ...base, exportId: z.uuid(), version: z.number().int(), packetId: z.uuid(), packetSha256: sha256, sizeBytes: z.number().int(), payloadSha256: sha256.optional() }),
  }),
  z.object({
    event: z.literal('referral.acknowledged'),
    caseId: z.uuid(),
    payload: z.object({
      ...base,
      hotlineReportId: z.string(),
      submittedAt: z.iso.datetime(),
      packetSha256: sha256,
      /** A CyberTipline report is a one-year preservation request: the hold it started, and the
       *  pending-referral holds that hold replaced (absent on entries before issue 11). */
      statutoryHoldId: z.uuid().nullable().optional(),
      replacedHoldIds: z.array(z.uuid()).optional(),
    }),
  }),
] as const;
