import { z } from 'zod';
import { findTextProblem, TEXT_PROBLEM_MESSAGES } from '@/lib/security/text-rules';

/**
 * Parsing of the values a URL carries (path segments, query parameters, cursors) and of ids in
 * forms, shared by every console page, staff route handler and server action. Whatever these
 * refuse never reaches Postgres, so a hostile value is a 400 / 404, never a database error.
 */

/** Postgres `bigint` (int8) upper bound: a larger id is refused here rather than by the database. */
export const PG_BIGINT_MAX = 9_223_372_036_854_775_807n;

/** A positive bigint id written as decimal digits (audit entries, outbox events, cursors). */
export const ZBigintId = z
  .string()
  // One check, not a regex then a refine: zod runs every check, and BigInt() throws on non-digits.
  .refine((v) => /^\d{1,19}$/.test(v) && BigInt(v) >= 1n && BigInt(v) <= PG_BIGINT_MAX, 'Not an id')
  .transform((v) => BigInt(v));

/** A UUID id from a path segment or a form (cases, referrals, staff…). */
export const ZUuid = z.uuid();

/** The first value of a query parameter that may be repeated (`?q=a&q=b`). */
export const firstParam = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/**
 * Single-line text from a URL (a search term, a filter): refused with the shared text rule when it
 * holds a control character (such as NUL, which Postgres cannot store) or a lone surrogate.
 */
export const plainText = (schema: z.ZodString = z.string()) =>
  schema.superRefine((value, ctx) => {
    const problem = findTextProblem(value);
    if (problem && problem !== 'data_uri') ctx.addIssue({ code: 'custom', message: `This ${TEXT_PROBLEM_MESSAGES[problem]}` });
  });

/** True when the value is text the shared rule lets through (for params that are ignored, not refused, when bad). */
export function isPlainText(value: string): boolean {
  const problem = findTextProblem(value);
  return problem === null || problem === 'data_uri';
}

/** Earliest and latest instants any date filter or date field may name (Postgres' range is wider; JS Dates wider still). */
export const INSTANT_MIN = new Date('1970-01-01T00:00:00Z');
export const INSTANT_MAX = new Date('9999-12-31T23:59:59.999Z');
export const isInstantInRange = (d: Date) => !Number.isNaN(d.getTime()) && d >= INSTANT_MIN && d <= INSTANT_MAX;
