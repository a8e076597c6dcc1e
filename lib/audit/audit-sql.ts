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

/** Calls tc_write_audit, the one database function that writes audit entries. */
export function insertAuditEntry(row: AuditRow): Statement {
  return statement(
    `SELECT tc_write_audit($actorType::"ActorType", $actorId, $event, $caseId::uuid, $entityType, $entityId,
                           $payload::jsonb, $requestId) AS id`,
    { ...row, payload: JSON.stringify(row.payload ?? {}) },
  );
}
