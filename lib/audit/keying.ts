import 'server-only';
import type { Tx } from '@/lib/db';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** Where keyed sealing began (table audit_keying, written once by its migration). */
export type Keying = { keyedFromEntryId: bigint; keyedFromSeq: bigint };

/** A missing row (deleted behind the triggers) means the strictest reading: everything keyed. */
export async function readKeying(db: PrismaClient | Tx): Promise<Keying> {
  const [row] = await db.$queryRaw<Keying[]>`
    SELECT keyed_from_entry_id AS "keyedFromEntryId", keyed_from_seq AS "keyedFromSeq" FROM audit_keying WHERE id = 1`;
  return row ?? { keyedFromEntryId: 1n, keyedFromSeq: 1n };
}

/** The columns of an audit entry as lib/audit/chain.ts reads them (prefix `e.`). */
export const ENTRY_COLUMNS = `e.id, e.occurred_at AS "occurredAt", e.actor_type::text AS "actorType", e.actor_id AS "actorId",
  e.event, e.case_id::text AS "caseId", e.entity_type AS "entityType", e.entity_id AS "entityId",
  e.payload, e.request_id AS "requestId", e.mac`;
