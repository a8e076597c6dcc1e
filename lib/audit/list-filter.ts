import { z } from 'zod';
import { isInstantInRange, plainText, ZBigintId } from '@/lib/http/params';

/**
 * The audit view's filter, shared by the page, the exports and their tests: who (actor ID as
 * recorded: a staff UUID, an API key ID or a system name), which case (its UUID or its number),
 * which event type, and a time range. Times are UTC; `datetime-local` values without a zone are
 * read as UTC too, which is what the page shows.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

const instant = z.preprocess(
  blank,
  z
    .string()
    .max(40)
    .transform((v, ctx) => {
      const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`;
      const date = new Date(withZone);
      if (!isInstantInRange(date)) {
        ctx.addIssue({ code: 'custom', message: 'Enter a date and time (between the years 1970 and 9999)' });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
);

export const ZAuditFilter = z
  .object({
    actor: z.preprocess(blank, plainText(z.string().max(100)).optional()),
    /** A case UUID, or a case number (digits, optionally with a leading #). */
    case: z.preprocess(
      blank,
      z
        .string()
        .regex(/^(#?\d{1,18}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'Enter a case number or case ID')
        .optional(),
    ),
    event: z.preprocess(blank, z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'Choose an event type').optional()),
    from: instant,
    to: instant,
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { path: ['to'], message: 'The end must be after the start' });

export type TAuditFilter = z.output<typeof ZAuditFilter>;

/** A page cursor: entries with a lower ID than this come next (newest first). */
export const ZAuditCursor = z.preprocess(blank, ZBigintId.optional());

/** Reads the filter from URL search params (page or export route); throws ZodError when invalid. */
export function parseAuditFilter(params: URLSearchParams | Record<string, string | string[] | undefined>): TAuditFilter {
  const get = (key: string) => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return ZAuditFilter.parse({ actor: get('actor'), case: get('case'), event: get('event'), from: get('from'), to: get('to') });
}

/** The filter as URL search params (links to the next page and to the exports). */
export function auditFilterParams(filter: TAuditFilter, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.actor) params.set('actor', filter.actor);
  if (filter.case) params.set('case', filter.case);
  if (filter.event) params.set('event', filter.event);
  if (filter.from) params.set('from', filter.from.toISOString());
  if (filter.to) params.set('to', filter.to.toISOString());
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}
