import 'server-only';
import type { Tx } from '@/lib/db';
import { insertAuditEntry } from './audit-sql';
import { ZAuditEvent, type AuditActor, type TAuditEvent } from './events';

export type AuditContext = { actor: AuditActor; requestId?: string | null; entity?: { type: string; id: string } };

/**
 * Writes one audit entry inside the caller's transaction, so the entry exists exactly when the
 * change it records does. The entry is sealed into the hash chain shortly after commit
 * (lib/audit/seal.ts); writing never waits on the chain.
 */
export async function writeAudit(tx: Tx, event: TAuditEvent, context: AuditContext): Promise<bigint> {
  const parsed = ZAuditEvent.parse(event);
  const { text, values } = insertAuditEntry({
    actorType: context.actor.type,
    actorId: context.actor.id ?? null,
    event: parsed.event,
    caseId: 'caseId' in parsed ? parsed.caseId : null,
    entityType: context.entity?.type ?? null,
    entityId: context.entity?.id ?? null,
    payload: parsed.payload,
    requestId: context.requestId ?? null,
  });
  const [row] = await tx.$queryRawUnsafe<{ id: bigint }[]>(text, ...values);
  if (!row) throw new Error('Audit entry was not written');
  return row.id;
}
