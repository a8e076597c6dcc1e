import 'server-only';
import { getConfig } from '@/lib/config';
import { clientIpFrom, keyedHash, sourceHashOf } from '@/lib/security/client-source';
import type { IntakeSource } from './accept-report';
import type { TReport } from './schema';

/**
 * Who is reporting, as keyed hashes only. The reporter fingerprint decides "distinct reporters":
 * a platform's own user ID when a platform sends it, otherwise the source address, so one source
 * filing 50 times counts once.
 */
export function intakeSourceFor(
  headers: Headers,
  report: TReport,
  context: { channel: 'web' | 'api'; apiClientId?: string | null; requestId?: string | null },
): IntakeSource {
  const config = getConfig();
  const ip = clientIpFrom(headers, config.TRUST_PROXY);
  const sourceHash = sourceHashOf(config.TC_SECRET_KEY, ip);
  const platformUser = report.reporter.platformUserId;
  const reporterFingerprint =
    context.apiClientId && platformUser
      ? keyedHash(config.TC_SECRET_KEY, 'platform-user', `${context.apiClientId}:${platformUser}`)
      : sourceHash;
  return { channel: context.channel, sourceHash, reporterFingerprint, apiClientId: context.apiClientId ?? null, requestId: context.requestId ?? null };
}
