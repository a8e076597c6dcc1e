import { z } from 'zod';
import { HARM_CATEGORIES } from '@/lib/reports/categories';

const counts = z.partialRecord(z.enum(['md5', 'sha1', 'sha256', 'photodna', 'pdq']), z.number().int().nonnegative());
const via = z.enum(['console', 'cli']);

/** Audit events of known-content hash lists (lib/hashes/); see lib/audit/events.ts. Never a file, only counts. */
const imported = {
  listId: z.uuid(),
  name: z.string(),
  source: z.string(),
  category: z.enum(HARM_CATEGORIES),
  pdqMaxDistance: z.number().int(),
  importId: z.uuid(),
  fileName: z.string(),
  entriesAdded: z.number().int().nonnegative(),
  linesRejected: z.number().int().nonnegative(),
  duplicatesDropped: z.number().int().nonnegative(),
  algorithmCounts: counts,
  generation: z.number().int(),
  via,
};

export const hashListEvents = [
  z.object({ event: z.literal('hashlist.created'), payload: z.object(imported) }),
  z.object({ event: z.literal('hashlist.replaced'), payload: z.object({ ...imported, entriesRemoved: z.number().int().nonnegative() }) }),
  z.object({
    event: z.literal('hashlist.retired'),
    payload: z.object({ listId: z.uuid(), name: z.string(), entriesRemoved: z.number().int().nonnegative(), generation: z.number().int(), via }),
  }),
] as const;
