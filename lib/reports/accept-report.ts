import 'server-only';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { writeAudit } from '@/lib/audit/write-audit';
import { getConfig } from '@/lib/config';
import { getPrisma, type Tx } from '@/lib/db';
import { uniqueViolation } from '@/lib/db-errors';
import { AppError } from '@/lib/errors';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { scoreCase, severityOf, slaDueFor } from '@/lib/queue/priority';
import { normaliseAccount } from './normalise';
import { parseConfiguredProfileUrl, slaTargets } from './platform';
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

type CaseRow = {
  id: string;
  account_id: string;
  categories: HarmCategory[];
  danger_now: boolean;
  distinct_reporters: number;
  sla_due_at: Date;
  last_reported_at: Date;
  inserted: boolean;
};

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
  const now = new Date();
  const targets = slaTargets();
  const severity = severityOf([report.category], report.dangerNow);
  const slaDue = slaDueFor(severity, now, targets);
  const countryHint = report.platformContext?.countryCode ?? null;

  const [kase] = await tx.$queryRaw<CaseRow[]>`
    WITH account AS (
      INSERT INTO reported_accounts AS a (id, platform, account_key, handle, platform_account_id, profile_url,
                                         country_hint, first_reported_at, last_reported_at)
      VALUES (gen_random_uuid(), ${args.platform}, ${account.accountKey}, ${account.handle}, ${account.platformAccountId},
              ${account.profileUrl}, ${countryHint}, ${now}, ${now})
      ON CONFLICT (platform, account_key) DO UPDATE SET
        last_reported_at = GREATEST(a.last_reported_at, EXCLUDED.last_reported_at),
        handle = COALESCE(a.handle, EXCLUDED.handle),
        platform_account_id = COALESCE(a.platform_account_id, EXCLUDED.platform_account_id),
        profile_url = COALESCE(a.profile_url, EXCLUDED.profile_url),
        country_hint = COALESCE(EXCLUDED.country_hint, a.country_hint)
      RETURNING id
    )
    INSERT INTO cases AS c (id, account_id, previous_case_id, severity, primary_category, categories, danger_now,
                            report_count, distinct_reporters, sla_due_at, first_reported_at, last_reported_at,
                            created_at, updated_at)
    SELECT gen_random_uuid(), account.id,
           (SELECT p.id FROM cases p WHERE p.account_id = account.id AND p.closed_at IS NOT NULL
            ORDER BY p.closed_at DESC LIMIT 1),
           ${severity}::"Severity", ${report.category}::"HarmCategory", ARRAY[${report.category}::"HarmCategory"],
           ${report.dangerNow}, 1, 0, ${slaDue}, ${now}, ${now}, ${now}, ${now}
    FROM account
    ON CONFLICT (account_id) WHERE closed_at IS NULL DO UPDATE SET
      report_count = c.report_count + 1,
      categories = CASE WHEN EXCLUDED.primary_category = ANY (c.categories) THEN c.categories
                        ELSE c.categories || EXCLUDED.primary_category END,
      danger_now = c.danger_now OR EXCLUDED.danger_now,
      sla_due_at = LEAST(c.sla_due_at, EXCLUDED.sla_due_at),
      last_reported_at = GREATEST(c.last_reported_at, EXCLUDED.last_reported_at),
      version = c.version + 1,
      updated_at = EXCLUDED.updated_at
    RETURNING c.id::text, c.account_id::text, c.categories::text[] AS categories, c.danger_now, c.distinct_reporters,
              c.sla_due_at, c.last_reported_at, (c.xmax = 0) AS inserted`;
  if (!kase) throw new Error('Intake: the case upsert returned no row');

  const hourAgo = new Date(now.getTime() - 3_600_000);
  const platformContext = report.platformContext ? JSON.stringify(report.platformContext) : null;
  const [placed] = await tx.$queryRaw<{ report_id: string; new_reporter: number; reports_last_hour: number }[]>`
    WITH reporter AS (
      INSERT INTO case_reporters (case_id, fingerprint, first_seen_at)
      VALUES (${kase.id}::uuid, ${source.reporterFingerprint}, ${now})
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), report AS (
      INSERT INTO reports (id, reference, case_id, account_id, channel, category, danger_now, description,
                           content_urls, media_hashes, reporter_country, platform_context, source_hash,
                           reporter_fingerprint, api_client_id, idempotency_key, request_hash, received_at)
      VALUES (gen_random_uuid(), ${args.reference}, ${kase.id}::uuid, ${kase.account_id}::uuid,
              ${source.channel}::"IntakeChannel", ${report.category}::"HarmCategory", ${report.dangerNow},
              ${report.description}, ${report.contentUrls}::text[], ${report.mediaHashes}::text[],
              ${report.reporter.country ?? null}, ${platformContext}::jsonb, ${source.sourceHash},
              ${source.reporterFingerprint}, ${source.apiClientId ?? null}::uuid, ${args.idempotencyKey},
              ${args.requestHash}, ${now})
      RETURNING id
    ), contact AS (
      INSERT INTO report_contacts (report_id, email, created_at)
      SELECT id, ${report.reporter.email ?? null}, ${now} FROM report WHERE ${report.reporter.email ?? null}::text IS NOT NULL
    )
    SELECT (SELECT id::text FROM report) AS report_id,
           (SELECT count(*) FROM reporter)::int AS new_reporter,
           (SELECT count(*) FROM reports r WHERE r.case_id = ${kase.id}::uuid AND r.received_at > ${hourAgo})::int + 1
             AS reports_last_hour`;
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
  await tx.$executeRaw`
    UPDATE cases SET distinct_reporters = ${distinctReporters}, priority_score = ${priority.score},
           priority_parts = ${JSON.stringify(priority.parts)}::jsonb, severity = ${priority.severity}::"Severity",
           primary_category = ${priority.primaryCategory}::"HarmCategory", rescore_at = ${priority.rescoreAt}
    WHERE id = ${kase.id}::uuid`;

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
