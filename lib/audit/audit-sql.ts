import { statement, type Statement } from '@/lib/db-statement';

export type AuditRow = {
  actorType: 'public' | 'api' | 'staff' | 'system';
  actorId: string | null;
  event: string;
  caseId: string | null;
  entityType: string | null;
  entityId: string | null;
  payload: unknown;
  requestId: string | null;
};

/** The one INSERT behind writeAudit (also run by the intake benchmark's ceiling). */
export function insertAuditEntry(row: AuditRow): Statement {
  return statement(
    `INSERT INTO audit_entries (actor_type, actor_id, event, case_id, entity_type, entity_id, payload, request_id)
     VALUES ($actorType::"ActorType", $actorId, $event, $caseId::uuid, $entityType, $entityId, $payload::jsonb, $requestId)
     RETURNING id`,
    { ...row, payload: JSON.stringify(row.payload ?? {}) },
  );
}
