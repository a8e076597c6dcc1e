import { z } from 'zod';
import { ZReportInput, type TReport } from './schema';

/**
 * Facts only the platform itself can know: what it logged about the account (IP capture events,
 * location, display name), hashes of the media it holds, and its own ID for the reporting user.
 * They reach hotlines as platform data, so they are accepted only with a `reports:write` API key;
 * from anyone else they would be forged evidence (and `countryCode` alone routes a case to the NCA).
 * What a person saw belongs in the description, where it is attributed to them.
 */
export const PLATFORM_ONLY_FIELDS = [['platformContext'], ['mediaHashes'], ['reporter', 'platformUserId']] as const;

export const PLATFORM_ONLY_MESSAGE =
  'Only accepted from a platform with an API key (Authorization: Bearer <key>, scope reports:write); describe what you saw in the description instead';

/** Where the report comes from: a platform authenticated by its API key, or anyone else. */
export type ReportOrigin = { platform: boolean };

/** Blank, empty or null values carry no fact (the schema treats them as absent, or refuses their type). */
const carriesNothing = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

function valueAt(input: unknown, path: readonly string[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** One issue per platform-only field that someone without an API key tried to supply. */
export function platformOnlyIssues(input: unknown): z.core.$ZodIssue[] {
  return PLATFORM_ONLY_FIELDS.filter((path) => !carriesNothing(valueAt(input, path))).map((path) => ({
    code: 'custom' as const,
    path: [...path],
    message: PLATFORM_ONLY_MESSAGE,
    input: undefined,
  }));
}

/**
 * Parses one report for intake, from the API or the form alike: the shared schema, plus the
 * platform-only fields refused unless a platform sent them. Every problem is reported at once.
 */
export function safeParseReport(input: unknown, origin: ReportOrigin): z.ZodSafeParseResult<TReport> {
  const parsed = ZReportInput.safeParse(input);
  const refused = origin.platform ? [] : platformOnlyIssues(input);
  if (refused.length === 0) return parsed;
  const issues = [...(parsed.success ? [] : parsed.error.issues), ...refused];
  return { success: false, error: new z.ZodError(issues) as z.ZodError<TReport> };
}

/** safeParseReport that throws the ZodError (the route handlers map it to 400 with issues). */
export function parseReport(input: unknown, origin: ReportOrigin): TReport {
  const result = safeParseReport(input, origin);
  if (!result.success) throw result.error;
  return result.data;
}
