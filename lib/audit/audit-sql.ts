import { statement, type Statement } from '@/lib/db-statement';

export type AuditRow = {
  occurredAt: Date;
  actorType: 'public' | 'api' | 'staff' | 'system';
  actorId: string | null;
  event: string;
  caseId: string | null;
  entityType: string | null;
  entityId: string | null;
  payload: unknown;
  requestId: string | null;
  /** lib/audit/entry-mac.ts, over exactly these fields. */
  mac: string;
};

/** Calls tc_write_audit, the one database function that writes audit entries. */
export function insertAuditEntry(row: AuditRow): Statement {
  return statement(
    `SELECT tc_write_audit($occurredAt::timestamptz, $actorType::"ActorType", $actorId, $event, $caseId::uuid, $entityType,
                           $entityId, $payload::jsonb, $requestId, $mac) AS id`,
    { ...row, occurredAt: row.occurredAt.toISOString(), payload: JSON.stringify(row.payload ?? {}) },
  );
}
