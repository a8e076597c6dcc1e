import { z } from 'zod';
import { HARM_CATEGORIES } from '@/lib/reports/categories';

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
] as const;
