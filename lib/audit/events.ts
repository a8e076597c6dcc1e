import { z } from 'zod';
import { HARM_CATEGORIES } from '@/lib/reports/categories';

/**
 * Every audited event and its payload. Payloads carry IDs and short summaries, never reporter
 * contact details or IP addresses. Add a member here before writing a new event type.
 */
export const ZAuditEvent = z.discriminatedUnion('event', [
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
]);

export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export type AuditEventName = TAuditEvent['event'];

export type AuditActor =
  | { type: 'public'; id?: null }
  | { type: 'api'; id: string }
  | { type: 'staff'; id: string }
  | { type: 'system'; id?: string | null };
