import { z } from 'zod';

/**
 * Audit events of known-content matching (lib/known-content/): a report's platform-supplied hash
 * matched a list, found by the worker when the report arrived or when a list was imported. Filed
 * under the case; the payload names the lists and distances, never anything but hashes.
 */
const match = z.object({
  reportId: z.uuid(),
  listId: z.uuid(),
  listName: z.string(),
  algorithm: z.enum(['md5', 'sha1', 'sha256', 'photodna', 'pdq']),
  distance: z.number().int().min(0),
});

export const knownContentEvents = [
  z.object({
    event: z.literal('known_content.matched'),
    caseId: z.uuid(),
    payload: z.object({
      /** 'intake': the report was checked as it arrived; 'list_import': a list changed and open cases were checked again. */
      trigger: z.enum(['intake', 'list_import']),
      matches: z.array(match).min(1),
    }),
  }),
] as const;
