import { z } from 'zod';

/**
 * Audit events of account networks (lib/networks/); see lib/audit/events.ts. Filed under the case
 * whose page showed or started them. Payloads hold account and case IDs, never handles or URLs.
 */

const measure = z.enum(['suspend', 'preserve', 'refer']);

export const networksEvents = [
  // The network section shows other accounts' cases, enforcement and hotline IDs; case.viewed does
  // not say which, so the network read is audited with the accounts it showed.
  z.object({
    event: z.literal('case.network_viewed'),
    caseId: z.uuid(),
    payload: z.object({ accountId: z.uuid(), accountIds: z.array(z.uuid()), truncated: z.boolean() }),
  }),
  // One supervisor decision applied to several accounts of a network: the summary. Each account's
  // own case action is audited in its own transaction by the verb that recorded it.
  z.object({
    event: z.literal('network.response_applied'),
    caseId: z.uuid(),
    payload: z.object({
      centreAccountId: z.uuid(),
      measures: z.array(measure),
      reasonCode: z.string().nullable(),
      until: z.iso.datetime().nullable(),
      accounts: z.array(
        z.object({
          accountId: z.uuid(),
          caseId: z.uuid().nullable(),
          outcome: z.enum(['done', 'partly', 'refused']),
          actionIds: z.array(z.uuid()),
          referralIds: z.array(z.uuid()),
        }),
      ),
    }),
  }),
] as const;
