import { z } from 'zod';

/** Audit events of the staff domain; see lib/audit/events.ts. */
export const staffEvents = [
  // Placeholder member until the domain adds its events; never written.
  z.object({ event: z.literal('staff.placeholder'), payload: z.object({}) }),
] as const;
