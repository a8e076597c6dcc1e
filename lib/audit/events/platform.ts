import { z } from 'zod';

/** Audit events of the platform domain; see lib/audit/events.ts. */
export const platformEvents = [
  // Placeholder member until the domain adds its events; never written.
  z.object({ event: z.literal('platform.placeholder'), payload: z.object({}) }),
] as const;
