import { statement, type Statement } from '@/lib/db-statement';
import type { ActorType, HarmCategory, Severity } from '@/lib/generated/prisma/enums';

/**
 * Everything tc_accept_report (prisma/migrations/*_intake_procedure) needs to accept one report.
 * Built and validated in TypeScript; the database applies it in one round trip and one transaction.
 */
export type IntakeParams = {
  now: string;
  reportId: string;
  reference: string;
  platform: string;
  accountKey: string;
  handle: string | null;
  platformAccountId: string | null;
  profileUrl: string | null;
  countryHint: string | null;
  channel: 'web' | 'api';
  category: HarmCategory;
  dangerNow: boolean;
  severity: Severity;
  slaDueAt: string;
  /** This report's own score; the worker rescores the whole case moments later. */
  interimScore: number;
  description: string;
  contentUrls: string[];
  mediaHashes: string[];
  reporterCountry: string | null;
  platformContext: unknown;
  sourceHash: string;
  reporterFingerprint: string;
  apiClientId: string | null;
  idempotencyKey: string | null;
  requestHash: string;
  email: string | null;
  actorType: ActorType;
  actorId: string | null;
  requestId: string | null;
  /** The report.received payload, already validated against ZAuditEvent. */
  auditPayload: unknown;
  /** Its MAC (lib/audit/entry-mac.ts), computed here: the database cannot make one. */
  auditMac: string;
  /** The shared intake limit (rate_limit_counters) the transaction takes a point of; null: none. */
  limitKey: string | null;
  limitPerMinute: number;
};

/**
 * A stored report's case, or (case_id null, retry_after_ms > 0) a report the shared intake limit
 * refused, which was not stored.
 */
export type AcceptedRow = { case_id: string; new_case: boolean; retry_after_ms: number } | { case_id: null; new_case: null; retry_after_ms: number };

export function acceptReportStatement(params: IntakeParams): Statement {
  return statement('SELECT case_id::text, new_case, retry_after_ms FROM tc_accept_report($params::jsonb)', {
    params: JSON.stringify(params),
  });
}

export type AcceptedBatchRow = AcceptedRow & { ord: number };

/** Several reports in one transaction (tc_accept_reports); `ord` is each report's 1-based position. */
export function acceptReportsStatement(batch: IntakeParams[]): Statement {
  return statement('SELECT ord, case_id::text, new_case, retry_after_ms FROM tc_accept_reports($batch::jsonb)', {
    batch: JSON.stringify(batch),
  });
}

/** The batch's rows in input order (the function applies them in account order). */
export function rowsInInputOrder(rows: AcceptedBatchRow[], count: number): AcceptedRow[] {
  const ordered: AcceptedRow[] = new Array(count);
  for (const { ord, ...row } of rows) ordered[ord - 1] = row as AcceptedRow;
  return ordered;
}
