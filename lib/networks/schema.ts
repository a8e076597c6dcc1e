import { z } from 'zod';
import { reasonCodesFor } from '@/lib/cases/reason-codes';
import { NOTE_MAX, ZSuspensionEnd } from '@/lib/cases/schema';
import { NETWORK_MEASURES } from './network-rules';

/** Most accounts one network response may cover: as many as a network view shows (NETWORK_MAX_ACCOUNTS). */
export const NETWORK_RESPONSE_MAX_ACCOUNTS = 200;

/** One selected account and the case version the page showed for it (stale versions are refused). */
export const ZNetworkTarget = z.object({
  accountId: z.uuid({ error: 'Unknown account' }),
  caseId: z.uuid({ error: 'Unknown case' }),
  expectedVersion: z.coerce.number().int().min(1).max(2_147_483_647),
});

/**
 * A supervisor's one response to several accounts of a network (lib/networks/respond-to-network.ts),
 * shared by the network form and the server action.
 */
export const ZNetworkResponseInput = z
  .object({
    /** The case whose page the response was made from; the summary audit entry is filed under it. */
    caseId: z.uuid({ error: 'Unknown case' }),
    measures: z
      .array(z.enum(NETWORK_MEASURES, { error: 'Unknown measure' }))
      .min(1, 'Choose at least one measure')
      .transform((m) => NETWORK_MEASURES.filter((x) => m.includes(x))),
    enforcement: z.enum(['permanent', 'until'], { error: 'Choose permanent or until a date' }).default('permanent'),
    until: ZSuspensionEnd,
    reasonCode: z.preprocess((v) => (v === '' ? undefined : v), z.enum(reasonCodesFor('suspend'), { error: 'Choose a reason from the list' }).optional()),
    note: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(NOTE_MAX, `A note must be at most ${NOTE_MAX} characters`).optional()),
    targets: z
      .array(ZNetworkTarget)
      .min(1, 'Select at least one account')
      .max(NETWORK_RESPONSE_MAX_ACCOUNTS, `At most ${NETWORK_RESPONSE_MAX_ACCOUNTS} accounts at once`)
      .refine((t) => new Set(t.map((x) => x.accountId)).size === t.length, 'An account is selected twice'),
  })
  .refine((v) => !v.measures.includes('suspend') || v.reasonCode !== undefined, { path: ['reasonCode'], message: 'Choose a reason for the suspension' })
  .refine((v) => !v.measures.includes('suspend') || v.enforcement !== 'until' || v.until !== null, { path: ['until'], message: 'Give the date the suspension ends' });

export type TNetworkResponseInput = z.output<typeof ZNetworkResponseInput>;
export type TNetworkResponseFormInput = z.input<typeof ZNetworkResponseInput>;
