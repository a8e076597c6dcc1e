import { z } from 'zod';
import { AccountLinkReason } from '@/lib/generated/prisma/enums';
import { HARM_CATEGORIES } from '@/lib/reports/categories';

const ACCOUNT_LINK_REASONS = Object.values(AccountLinkReason) as [AccountLinkReason, ...AccountLinkReason[]];

/** Events of report intake and the queue's own housekeeping. */
export const intakeEvents = [
  z.object({
    event: z.literal('report.received'),
    caseId: z.uuid(),
    payload: z.object({
      reportId: z.uuid(),
      reference: z.string(),
      channel: z.enum(['web', 'api']),
      category: z.enum(HARM_CATEGORIES),
      dangerNow: z.boolean(),
    }),
  }),
  z.object({
    event: z.literal('queue.rescored'),
    payload: z.object({
      changes: z.array(z.object({ caseId: z.uuid(), from: z.number().int(), to: z.number().int() })),
    }),
  }),
  // One batch of the link computation (lib/networks/compute-account-links.ts): account IDs and
  // reasons only, never what they share (a URL, a handle; IP addresses are never stored anywhere).
  z.object({
    event: z.literal('networks.linked'),
    payload: z.object({
      reports: z.number().int(),
      evidenceAdded: z.number().int(),
      linksAdded: z.number().int(),
      links: z.array(z.object({ accountAId: z.uuid(), accountBId: z.uuid(), reason: z.enum(ACCOUNT_LINK_REASONS) })),
    }),
  }),
] as const;
