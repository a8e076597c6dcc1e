import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { entryMac } from '@/lib/audit/entry-mac';
import { ZAuditEvent } from '@/lib/audit/events';
import { scoreCase, severityOf, slaDueFor, type SlaTargets } from '@/lib/queue/priority';
import type { IntakeParams } from './intake-sql';
import type { NormalisedAccount } from './normalise';
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

/** SHA-256 of the canonical parsed report: the same body gives the same hash whatever its key order. */
export function requestHashOf(report: TReport): string {
  return createHash('sha256').update(canonicalize(report) ?? '').digest('hex');
}

/**
 * Everything the database needs to accept one report, decided here in TypeScript: IDs, the
 * reference, this report's severity, SLA and interim score, and the validated audit payload.
 */
export function intakeParams(
  report: TReport,
  source: IntakeSource,
  account: NormalisedAccount,
  options: {
    requestHash: string;
    idempotencyKey: string | null;
    platform: string;
    slaTargets: SlaTargets;
    /** The audit entry MAC key (lib/audit/audit-keys.ts): the report.received entry is MACed here. */
    auditKey: Buffer;
    /** The shared intake limit to take a point of in the same transaction (lib/reports/rate-limit.ts). */
    limit?: { key: string; perMinute: number } | null;
    now?: Date;
  },
): IntakeParams {
  const now = options.now ?? new Date();
  const severity = severityOf([report.category], report.dangerNow);
  const slaDueAt = slaDueFor(severity, now, options.slaTargets);
  const interim = scoreCase(
    {
      categories: [report.category],
      dangerNow: report.dangerNow,
      distinctReporters: 1,
      reportsLastHour: 1,
      lastReportedAt: now,
      slaDueAt,
      now,
    },
    options.slaTargets,
  );
  const reportId = randomUUID();
  const reference = newReference();
  const audit = ZAuditEvent.parse({
    event: 'report.received',
    caseId: '00000000-0000-0000-0000-000000000000', // the case is decided inside the transaction
    payload: { reportId, reference, channel: source.channel, category: report.category, dangerNow: report.dangerNow },
  });
  const actorType = source.apiClientId ? 'api' : 'public';
  const actorId = source.apiClientId ?? null;
  const requestId = source.requestId ?? null;
  // The same fields tc_accept_report writes (its case is decided there; entry-mac.ts leaves it out).
  const auditMac = entryMac(options.auditKey, {
    occurredAt: now,
    actorType,
    actorId,
    event: 'report.received',
    caseId: null,
    entityType: 'report',
    entityId: reportId,
    payload: audit.payload,
    requestId,
  });
  return {
    now: now.toISOString(),
    reportId,
    reference,
    platform: options.platform,
    accountKey: account.accountKey,
    handle: account.handle,
    platformAccountId: account.platformAccountId,
    profileUrl: account.profileUrl,
    countryHint: report.platformContext?.countryCode ?? null,
    channel: source.channel,
    category: report.category,
    dangerNow: report.dangerNow,
    severity,
    slaDueAt: slaDueAt.toISOString(),
    interimScore: interim.score,
    description: report.description,
    contentUrls: report.contentUrls,
    mediaHashes: report.mediaHashes,
    reporterCountry: report.reporter.country ?? null,
    platformContext: report.platformContext ?? null,
    sourceHash: source.sourceHash,
    reporterFingerprint: source.reporterFingerprint,
    apiClientId: source.apiClientId ?? null,
    idempotencyKey: options.idempotencyKey,
    requestHash: options.requestHash,
    email: report.reporter.email ?? null,
    actorType,
    actorId,
    requestId,
    auditPayload: audit.payload,
    auditMac,
    limitKey: options.limit?.key ?? null,
    limitPerMinute: options.limit?.perMinute ?? 0,
  };
}
