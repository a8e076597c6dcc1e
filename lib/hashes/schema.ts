import { z } from 'zod';
import { HARM_CATEGORIES } from '@/lib/reports/categories';
import { EMBEDDED_MEDIA_MESSAGE, findEmbeddedMedia, findTextProblem, TEXT_PROBLEM_MESSAGES } from '@/lib/security/text-rules';

/** PDQ distance a list may ask for. Lookups stay exact at any of them; beyond 31 they probe more buckets. */
export const PDQ_DISTANCE_MAX = 63;
export const PDQ_DISTANCE_DEFAULT = 31;
/**
 * Largest list the console's upload route accepts (a route handler, not a server action, whose limit is 64 KB).
 * Larger lists go through `npm run hashlist:import`, which streams from disk with no limit.
 */
export const CONSOLE_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(max, `The ${what} must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = findTextProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `The ${what} ${TEXT_PROBLEM_MESSAGES[problem]}` });
      // Names and sources reach case pages and referral packets, which never carry media.
      else if (findEmbeddedMedia(value)) ctx.addIssue({ code: 'custom', message: `The ${what} ${EMBEDDED_MEDIA_MESSAGE}` });
    });

/** A blank form field means "not given". */
const blankAsUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

// One form (NFC) for a name, so "café" typed two ways is one list, not two that look alike.
export const ZHashListName = text('list name', 100).transform((name) => name.normalize('NFC'));

/** Import (create or replace) a list: shared by the console form and the CLI. */
export const ZHashListImportInput = z
  .object({
    name: ZHashListName,
    source: z.preprocess(blankAsUndefined, text('source', 200).optional()),
    category: z.preprocess(blankAsUndefined, z.enum(HARM_CATEGORIES, { error: 'Choose a harm category' }).optional()),
    pdqMaxDistance: z.preprocess(
      blankAsUndefined,
      z.coerce
        .number({ error: 'The PDQ distance must be a whole number' })
        .int('The PDQ distance must be a whole number')
        .min(0, 'The PDQ distance must be at least 0')
        .max(PDQ_DISTANCE_MAX, `The PDQ distance must be at most ${PDQ_DISTANCE_MAX}`)
        .optional(),
    ),
    replace: z.preprocess((value) => value === true || value === 'true' || value === 'on', z.boolean()),
  })
  .superRefine((input, ctx) => {
    // A new list needs its source and category; a replacement keeps the list's own unless given.
    if (input.replace) return;
    if (!input.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'Enter the source (who vouches for this list)' });
    if (!input.category) ctx.addIssue({ code: 'custom', path: ['category'], message: 'Choose a harm category' });
  });

export type THashListImportInput = z.output<typeof ZHashListImportInput>;

/** Retire a list; the console sends the generation it showed, so a list replaced since is not retired unseen. */
export const ZRetireHashListInput = z.object({ name: ZHashListName, expectedGeneration: z.number().int().min(0).optional() });

/** A file name as recorded in the history: its last path part, checked like any text. */
export const ZHashListFileName = text('file name', 200).transform((name) => name.split(/[\\/]/).pop() || name);
