import { statement, type Statement } from '@/lib/db-statement';
import type { MacFields } from './entry-mac';

/** The fields the MAC covers (lib/audit/entry-mac.ts), and the MAC over exactly these fields. */
export type AuditRow = MacFields & {
  actorType: 'public' | 'api' | 'staff' | 'system';
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
