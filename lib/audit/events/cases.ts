import { z } from 'zod';

/** Audit events of the cases domain; see lib/audit/events.ts. */
export const casesEvents = [
  // Placeholder member until the domain adds its events; never written.
  z.object({ event: z.literal('cases.placeholder'), payload: z.object({}) }),
] as const;
