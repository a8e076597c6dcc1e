import 'server-only';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { clientIpFrom, sourceHashOf } from '@/lib/security/client-source';
import { consumeLookupQuota } from './rate-limit';
import { parseReference } from './reference';
import { findReportStatus } from './report-status';

/**
 * One status look-up by whoever sent these request headers. The JSON lookup
 * (GET /api/v1/reports/{reference}), /report/status and /report/received/{reference} all spend from
 * the same per-source limit, so no page is a way round it to enumerate references.
 * Throws AppError('rate_limited') with the time to wait.
 */
export function consumeLookupQuotaFor(headers: Headers): Promise<void> {
  const config = getConfig();
  return consumeLookupQuota(sourceHashOf(config.TC_SECRET_KEY, clientIpFrom(headers, config.TRUST_PROXY)));
}

export type ReportLookup =
  | { outcome: 'found'; report: NonNullable<Awaited<ReturnType<typeof findReportStatus>>> }
  | { outcome: 'not_found' }
  | { outcome: 'limited'; message: string };

/**
 * What the public status pages show for a reference as typed (any case, with or without dashes):
 * the coarse status, "no such report", or the limit and when to try again. Only a well-formed
 * reference reaches the database, so hostile text in the address bar is simply "not found".
 */
export async function lookUpReport(headers: Headers, typed: string): Promise<ReportLookup> {
  try {
    await consumeLookupQuotaFor(headers);
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') return { outcome: 'limited', message: error.userMessage };
    throw error;
  }
  const reference = parseReference(typed);
  const report = reference ? await findReportStatus(reference) : null;
  return report ? { outcome: 'found', report } : { outcome: 'not_found' };
}
