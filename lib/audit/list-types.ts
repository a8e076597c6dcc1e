import type { AuditSummary } from './list-summary';

/** What the audit view shows of an entry (plain data for components). */
export type AuditEntryDTO = {
  id: string;
  occurredAt: Date;
  actorType: 'public' | 'api' | 'staff' | 'system';
  actorId: string | null;
  actorName: string | null;
  event: string;
  caseId: string | null;
  caseNumber: string | null;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  sealed: boolean;
  summary: string;
};

export type AuditEntryDetailDTO = AuditEntryDTO & { payloadSummary: AuditSummary };

export type AuditPage = { entries: AuditEntryDTO[]; nextCursor: string | null };
