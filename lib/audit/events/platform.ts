import { z } from 'zod';
import { API_KEY_SCOPES } from '@/lib/platform/api-key-scopes';

/** Audit events of the platform domain (API keys, decision delivery); see lib/audit/events.ts. */
export const platformEvents = [
  z.object({
    event: z.literal('apikey.created'),
    payload: z.object({ apiKeyId: z.uuid(), name: z.string(), prefix: z.string(), scopes: z.array(z.enum(API_KEY_SCOPES)) }),
  }),
  z.object({
    event: z.literal('apikey.revoked'),
    payload: z.object({ apiKeyId: z.uuid(), name: z.string(), prefix: z.string() }),
  }),
  z.object({
    event: z.literal('outbox.retried'),
    caseId: z.uuid(),
    payload: z.object({
      outboxId: z.string(),
      type: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
  }),
] as const;
