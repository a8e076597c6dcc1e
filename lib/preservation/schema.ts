import { z } from 'zod';
import { reasonCodesFor } from '@/lib/cases/reason-codes';
import { DECISION_REASON_MAX } from '@/lib/cases/schema';
import { EXTEND_DAYS_DEFAULT, EXTEND_DAYS_MAX } from './hold-rules';

/**
 * Inputs of the holds page's forms, shared by the forms and the server actions (the actor always
 * comes from the session). An empty days box means the default.
 */

const holdId = z.uuid({ error: 'This hold is not known; reload the page' });
const requiredReason = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(DECISION_REASON_MAX, `${what} must be at most ${DECISION_REASON_MAX.toLocaleString('en')} characters`);

export const ZExtendHoldInput = z.object({
  holdId,
  days: z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? EXTEND_DAYS_DEFAULT : v),
    z.coerce
      .number({ error: 'Give the number of days as a whole number' })
      .int('Give the number of days as a whole number')
      .min(1, 'At least one day')
      .max(EXTEND_DAYS_MAX, `At most ${EXTEND_DAYS_MAX} days at a time`),
  ),
  reason: requiredReason('Why extend'),
});
export type TExtendHoldInput = z.output<typeof ZExtendHoldInput>;

export const ZRequestHoldReleaseInput = z.object({
  holdId,
  // Typed as any string on the way in (a form sends text); only the listed codes come out.
  reasonCode: z.string({ error: 'Choose a reason from the list' }).pipe(z.enum(reasonCodesFor('hold_release'), { error: 'Choose a reason from the list' })),
  reason: requiredReason('Why release early'),
});
export type TRequestHoldReleaseInput = z.output<typeof ZRequestHoldReleaseInput>;
