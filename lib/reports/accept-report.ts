import 'server-only';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { writeAudit } from '@/lib/audit/write-audit';
import { getConfig } from '@/lib/config';
import { getPrisma, type Tx } from '@/lib/db';
import { uniqueViolation } from '@/lib/db-errors';
import { AppError } from '@/lib/errors';
import type { Statement } from '@/lib/db-statement';
import { scoreCase, severityOf, slaDueFor } from '@/lib/queue/priority';
import { normaliseAccount } from './normalise';
import { parseConfiguredProfileUrl, slaTargets } from './platform';
import * as sql from './intake-sql';
import type { CaseRow, PlacedRow } from './intake-sql';
import { newReference } from './reference';
import type { TReport } from './schema';

export type IntakeSource = {
  channel: 'web' | 'api';
  /** Keyed hash of the client address (lib/security/client-source.ts). */
  sourceHash: string;
  /** Keyed hash identifying the reporter for the distinct-reporter count. */
  reporterFingerprint: string;
  apiClientId?: string | null;
  requestId?: string | null;
};

export type AcceptedReport = { reference: string; status: 'received'; replayed: boolean };

/** SHA-256 of the canonical parsed report: the same body gives the same hash whatever its key order. */
export function requestHashOf(report: TReport): string {
  return createHash('sha256').update(canonicalize(report) ?? '').digest('hex');
}

function idempotencyKeyOf(source: IntakeSource, key: string | null | undefined): string | null {
  if (!key) return null;
  return source.apiClientId ? `api:${source.apiClientId}:${key}` : `src:${source.sourceHash}:${key}`;
}

/**
 * Accepts one validated report: joins the open case of its account or opens one, counts distinct
 * reporters, rescores the case and writes the audit entry, all in one transaction. Race-free: the
 * upserts rely on the unique keys (one account per platform key, one open case per account), and
 * the case row stays locked until commit, so concurrent reports about one account queue up on it.
 */
export async function acceptReport(
  report: TReport,
  source: IntakeSource,
  options: {
    idempotencyKey?: string | null;
    /** Runs after the replay check and before the insert: rate limits, so a retry is never refused. */
    admit?: () => Promise<void>;
  } = {},
): Promise<AcceptedReport> {
  const config = getConfig();
  const account = normaliseAccount(report.account, parseConfiguredProfileUrl);
  if (!account) throw new AppError('invalid_input', 'Tell us which account: a username, a profile link or an account ID');

  const requestHash = requestHashOf(report);
  const idempotencyKey = idempotencyKeyOf(source, options.idempotencyKey);
  if (idempotencyKey) {
    const earlier = await findByIdempotencyKey(idempotencyKey, requestHash);
    if (earlier) return earlier;
  }
  await options.admit?.();

  const prisma = getPrisma();
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    try {
      await prisma.$transaction(
        (tx) => insertReport(tx, { report, source, account, reference, requestHash, idempotencyKey, platform: config.PLATFORM_SLUG }),
        // A burst about one account queues on its case row; wait for a connection rather than drop a report.
        { maxWait: 15_000, timeout: 15_000 },
      );
      return { reference, status: 'received', replayed: false };
    } catch (error) {
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

async function findByIdempotencyKey(idempotencyKey: string, requestHash: string): Promise<AcceptedReport | null> {
  const earlier = await getPrisma().report.findUnique({
    where: { idempotencyKey },
    select: { reference: true, requestHash: true },
  });
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different report');
  }
  return { reference: earlier.reference, status: 'received', replayed: true };
}

type InsertArgs = {
  report: TReport;
  source: IntakeSource;
  account: NonNullable<ReturnType<typeof normaliseAccount>>;
  reference: string;
  requestHash: string;
  idempotencyKey: string | null;
  platform: string;
};

async function insertReport(tx: Tx, args: InsertArgs): Promise<void> {
  const { report, source, account } = args;
  const run = <T>(statement: Statement) => tx.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
  const now = new Date();
  const targets = slaTargets();

  const [kase] = await run<CaseRow>(
    sql.upsertAccountAndCase({
      platform: args.platform,
      ...account,
      countryHint: report.platformContext?.countryCode ?? null,
      severity: severityOf([report.category], report.dangerNow),
      category: report.category,
      dangerNow: report.dangerNow,
      slaDue: slaDueFor(severityOf([report.category], report.dangerNow), now, targets),
      now,
    }),
  );
  if (!kase) throw new Error('Intake: the case upsert returned no row');

  const [placed] = await run<PlacedRow>(
    sql.insertReport({
      caseId: kase.id,
      accountId: kase.account_id,
      reference: args.reference,
      channel: source.channel,
      category: report.category,
      dangerNow: report.dangerNow,
      description: report.description,
      contentUrls: report.contentUrls,
      mediaHashes: report.mediaHashes,
      reporterCountry: report.reporter.country ?? null,
      platformContext: report.platformContext ? JSON.stringify(report.platformContext) : null,
      sourceHash: source.sourceHash,
      reporterFingerprint: source.reporterFingerprint,
      apiClientId: source.apiClientId ?? null,
      idempotencyKey: args.idempotencyKey,
      requestHash: args.requestHash,
      email: report.reporter.email ?? null,
      now,
      hourAgo: new Date(now.getTime() - 3_600_000),
    }),
  );
  if (!placed) throw new Error('Intake: the report insert returned no row');

  const distinctReporters = kase.distinct_reporters + placed.new_reporter;
  const priority = scoreCase(
    {
      categories: kase.categories,
      dangerNow: kase.danger_now,
      distinctReporters,
      reportsLastHour: placed.reports_last_hour,
      lastReportedAt: kase.last_reported_at,
      slaDueAt: kase.sla_due_at,
      now,
    },
    targets,
  );
  await run(sql.updateCaseScore({ caseId: kase.id, distinctReporters, ...priority }));

  await writeAudit(
    tx,
    {
      event: 'report.received',
      caseId: kase.id,
      payload: {
        reportId: placed.report_id,
        reference: args.reference,
        channel: source.channel,
        category: report.category,
        dangerNow: report.dangerNow,
        newCase: kase.inserted,
      },
    },
    {
      actor: source.apiClientId ? { type: 'api', id: source.apiClientId } : { type: 'public' },
      requestId: source.requestId ?? null,
      entity: { type: 'report', id: placed.report_id },
    },
  );
}
