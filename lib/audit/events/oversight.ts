import { z } from 'zod';

/**
 * Audit events of supervisor oversight (audit view, exports, chain verification) and retention;
 * see lib/audit/events.ts. Filters are recorded as a short summary, never as reporter details.
 */

/** The filter an audit view or export used, as the supervisor set it. */
const filterSummary = z.object({
  actorId: z.string().nullable(),
  caseId: z.uuid().nullable(),
  event: z.string().nullable(),
  from: z.iso.datetime().nullable(),
  to: z.iso.datetime().nullable(),
});

export const oversightEvents = [
  z.object({
    event: z.literal('audit.viewed'),
    payload: z.object({ filter: filterSummary, rows: z.number().int().nonnegative(), entryId: z.string().nullable() }),
  }),
  z.object({
    event: z.literal('audit.exported'),
    payload: z.object({ format: z.enum(['csv', 'jsonl']), filter: filterSummary, rows: z.number().int().nonnegative() }),
  }),
  z.object({
    event: z.literal('audit.chain_verified'),
    payload: z.object({
      status: z.enum(['intact', 'broken']),
      checked: z.string(),
      lastHash: z.string().nullable(),
      brokenEntryId: z.string().nullable(),
      unsealedOverdue: z.number().int().nonnegative(),
      /** Forged entries and contradicted checkpoints, one sentence each (lib/audit/verification-report.ts). */
      problems: z.array(z.string()).max(20).optional(),
    }),
  }),
  // The sealer refused an entry the application did not write (its MAC fails): inserted or rebuilt
  // inside the database. The entry stays unsealed; "Verify log" and audit:verify name it.
  z.object({
    event: z.literal('audit.entry_rejected'),
    payload: z.object({ entryId: z.string().regex(/^\d+$/), event: z.string(), occurredAt: z.string(), reason: z.string() }),
  }),
  // Reporter contact details of closed cases, removed after RETENTION_CONTACT_DAYS. The report,
  // the case and everything else about them stay.
  z.object({
    event: z.literal('retention.contacts_purged'),
    payload: z.object({
      reportIds: z.array(z.uuid()).min(1),
      count: z.number().int().positive(),
      retentionDays: z.number().int().positive(),
    }),
  }),
  // The deployment's configuration differs from the last one recorded (secrets as fingerprints only).
  z.object({
    event: z.literal('config.changed'),
    payload: z.object({
      snapshot: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      changes: z.array(
        z.object({
          key: z.string(),
          from: z.union([z.string(), z.number(), z.boolean(), z.null()]),
          to: z.union([z.string(), z.number(), z.boolean(), z.null()]),
        }),
      ),
    }),
  }),
] as const;
