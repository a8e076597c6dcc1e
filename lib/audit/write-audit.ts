import 'server-only';
import { getConfig } from '@/lib/config';
import type { Tx } from '@/lib/db';
import type { Statement } from '@/lib/db-statement';
import { insertAuditEntry, type AuditRow } from './audit-sql';
import { auditKeysFrom } from './audit-keys';
import { entryMac } from './entry-mac';
import { ZAuditEvent, type AuditActor, type TAuditEvent } from './events';

export type AuditContext = { actor: AuditActor; requestId?: string | null; entity?: { type: string; id: string }; now?: Date };

/** The row for an audit event, timed and MACed by the application (the database can do neither for it). */
export function auditRow(event: TAuditEvent, context: AuditContext): AuditRow {
  const parsed = ZAuditEvent.parse(event);
  const fields = {
    occurredAt: context.now ?? new Date(),
    actorType: context.actor.type,
    actorId: context.actor.id ?? null,
    event: parsed.event,
    caseId: 'caseId' in parsed ? parsed.caseId : null,
    entityType: context.entity?.type ?? null,
    entityId: context.entity?.id ?? null,
    payload: parsed.payload,
    requestId: context.requestId ?? null,
  };
  return { ...fields, mac: entryMac(auditKeysFrom(getConfig()).entry, fields) };
}

/**
 * Writes one audit entry inside the caller's transaction, so the entry exists exactly when the
 * change it records does. The entry carries the application's MAC (lib/audit/entry-mac.ts) and is
 * sealed into the keyed chain shortly after commit (lib/audit/seal.ts); writing never waits on the chain.
 */
export async function writeAudit(tx: Tx, event: TAuditEvent, context: AuditContext): Promise<bigint> {
  const { text, values } = insertAuditEntry(auditRow(event, context));
  const [row] = await tx.$queryRawUnsafe<{ id: bigint }[]>(text, ...values);
  if (!row) throw new Error('Audit entry was not written');
  return row.id;
}

/**
 * The same entry, for work that runs its transaction on a bare `pg` connection (bulk COPY of hash
 * lists, lib/hashes/): pass that connection's query function, inside its open transaction.
 */
export async function writeAuditWith(query: (statement: Statement) => Promise<{ rows: { id: string | bigint }[] }>, event: TAuditEvent, context: AuditContext): Promise<bigint> {
  const { rows } = await query(insertAuditEntry(auditRow(event, context)));
  if (!rows[0]) throw new Error('Audit entry was not written');
  return BigInt(rows[0].id);
}
