import 'server-only';
import { auditKeysFrom } from '@/lib/audit/audit-keys';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { isConnectionLost } from '@/lib/db-outage';
import { refusedByDatabase, uniqueViolation } from '@/lib/db-errors';
import { AppError } from '@/lib/errors';
import { intakeParams, requestHashOf, type IntakeSource } from './intake-params';
import { createIntakeBatcher } from './intake-batcher';
import { acceptReportsStatement, acceptReportStatement, rowsInInputOrder, type AcceptedBatchRow, type AcceptedRow, type IntakeParams } from './intake-sql';
import { normaliseAccount } from './normalise';
import type { ReportQuota } from './rate-limit';
import { parseConfiguredProfileUrl, slaTargets } from './platform';
import type { TReport } from './schema';

export type { IntakeSource } from './intake-params';

export type AcceptedReport = { reference: string; status: 'received'; replayed: boolean; caseId?: string };

function idempotencyKeyOf(source: IntakeSource, key: string | null | undefined): string | null {
  if (!key) return null;
  return source.apiClientId ? `api:${source.apiClientId}:${key}` : `src:${source.sourceHash}:${key}`;
}

async function acceptOne(params: IntakeParams): Promise<AcceptedRow> {
  const { text, values } = acceptReportStatement(params);
  const [row] = await getPrisma().$queryRawUnsafe<AcceptedRow[]>(text, ...values);
  if (!row) throw new Error('tc_accept_report returned no row');
  return row;
}

async function acceptMany(batch: IntakeParams[]): Promise<AcceptedRow[]> {
  const { text, values } = acceptReportsStatement(batch);
  return rowsInInputOrder(await getPrisma().$queryRawUnsafe<AcceptedBatchRow[]>(text, ...values), batch.length);
}

/**
 * One batcher per process. Four transactions in flight keep both database cores busy while leaving
 * connections in the pool for the console; 64 reports (~200 KiB of JSON at most) bound a batch.
 */
const globalForIntake = globalThis as unknown as { tcIntakeBatcher?: ReturnType<typeof createIntakeBatcher> };
function intakeBatcher() {
  globalForIntake.tcIntakeBatcher ??= createIntakeBatcher({ acceptOne, acceptMany, rolledBack: refusedByDatabase, maxInFlight: 4, maxBatch: 64 });
  return globalForIntake.tcIntakeBatcher;
}

/**
 * Accepts one validated report in one database round trip (tc_accept_report, or tc_accept_reports
 * together with the reports that arrived meanwhile; see intake-batcher.ts): joins the open case of
 * its account or opens one, counts distinct reporters, stores the report and writes its audit entry,
 * all in one transaction. Race-free: the upserts rely on the unique keys (one account per
 * platform key, one open case per account), and the rows stay locked until commit, so concurrent
 * reports about one account apply one at a time. The same transaction takes a point of the source's
 * shared intake limit (decision 0020). Once this returns, the report is committed.
 */
export async function acceptReport(
  report: TReport,
  source: IntakeSource,
  options: {
    idempotencyKey?: string | null;
    /** The source's intake limit: checked after the replay check, so a retry is never refused. */
    quota?: ReportQuota;
  } = {},
): Promise<AcceptedReport> {
  const account = normaliseAccount(report.account, parseConfiguredProfileUrl);
  if (!account) throw new AppError('invalid_input', 'Tell us which account: a username, a profile link or an account ID');

  const requestHash = requestHashOf(report);
  const idempotencyKey = idempotencyKeyOf(source, options.idempotencyKey);
  if (idempotencyKey) {
    const earlier = await findByIdempotencyKey(idempotencyKey, requestHash);
    if (earlier) return earlier;
  }
  const quota = options.quota;
  await quota?.admit();
  let accepted: AcceptedReport | { refusedForMs: number };
  try {
    accepted = await insertReport(report, source, account, requestHash, idempotencyKey, quota);
  } catch (error) {
    // Not stored: the shared point went with the rolled-back transaction; give back the memory one.
    await quota?.refund().catch(() => undefined);
    throw error;
  }
  if ('refusedForMs' in accepted) {
    await quota?.refund();
    throw quota!.refused(accepted.refusedForMs);
  }
  if (accepted.replayed) await quota?.refund();
  return accepted;
}

async function insertReport(
  report: TReport,
  source: IntakeSource,
  account: NonNullable<ReturnType<typeof normaliseAccount>>,
  requestHash: string,
  idempotencyKey: string | null,
  quota: ReportQuota | undefined,
): Promise<AcceptedReport | { refusedForMs: number }> {
  for (let attempt = 0; ; attempt++) {
    const params = intakeParams(report, source, account, {
      requestHash,
      idempotencyKey,
      platform: getConfig().PLATFORM_SLUG,
      slaTargets: slaTargets(),
      auditKey: auditKeysFrom(getConfig()).entry,
      limit: quota ? { key: quota.sharedKey, perMinute: quota.perMinute } : null,
    });
    try {
      const row = await intakeBatcher().accept(params);
      if (row.case_id === null) return { refusedForMs: row.retry_after_ms };
      return { reference: params.reference, status: 'received', replayed: false, caseId: row.case_id };
    } catch (error) {
      // The connection was lost with the report sent: it may be committed though no answer came
      // back. If it is, it was accepted (answering "not sent" would have it sent twice); if it
      // cannot be seen (yet), the caller gets the error, and an Idempotency-Key makes its retry safe.
      if (isConnectionLost(error)) {
        const stored = await storedReport(params.reportId).catch(() => null);
        if (stored) return { reference: stored.reference, status: 'received', replayed: false, caseId: stored.caseId };
      }
      const target = uniqueViolation(error)?.constraint;
      if (target?.includes('idempotency') && idempotencyKey) {
        const earlier = await findByIdempotencyKey(idempotencyKey, requestHash);
        if (earlier) return earlier;
      }
      // A reference collision (about 1 in 10^12 per pair) is retried with a fresh one.
      if (target?.includes('reference') && attempt < 3) continue;
      throw error;
    }
  }
}

function storedReport(reportId: string): Promise<{ reference: string; caseId: string } | null> {
  return getPrisma().report.findUnique({ where: { id: reportId }, select: { reference: true, caseId: true } });
}

async function findByIdempotencyKey(idempotencyKey: string, requestHash: string): Promise<AcceptedReport | null> {
  const earlier = await getPrisma().report.findUnique({
    where: { idempotencyKey },
    select: { reference: true, requestHash: true, caseId: true },
  });
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different report');
  }
  return { reference: earlier.reference, status: 'received', replayed: true, caseId: earlier.caseId };
}
