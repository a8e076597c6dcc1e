import 'server-only';
import { readJsonBody } from '@/lib/http/read-json';
import { databaseUnavailableError, isDatabaseUnavailable, noteDatabaseDown, noteDatabaseUp } from '@/lib/db-outage';
import { errorResponse, json, newRequestId } from '@/lib/http/respond';
import { AppError } from '@/lib/errors';
import { authenticateApiKey } from '@/lib/platform/api-keys';
import { findTextProblem } from '@/lib/security/text-rules';
import { acceptReport } from './accept-report';
import { intakeSourceFor } from './intake-source';
import { parseReport } from './parse-report';
import { reportQuotaFor } from './rate-limit';

/** The Idempotency-Key header, trimmed; refused (400) when it holds anything but printable text. */
function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get('idempotency-key')?.trim();
  if (!key) return null;
  if (key.length > 200 || findTextProblem(key)) {
    throw new AppError('invalid_input', 'The Idempotency-Key header must be at most 200 printable characters (a UUID is best)');
  }
  return key;
}

/**
 * POST /api/v1/reports — the JSON intake API (same schema as the public form). One handler, served
 * two ways: by the Next.js route (app/api/v1/reports/route.ts, `next dev` and any host running Next
 * alone) and, in production, straight from scripts/serve.mjs ahead of Next's request pipeline
 * (lib/reports/intake-node-handler.ts), because platforms post reports in bulk.
 */
export async function postReport(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    const body = await readJsonBody(request);
    // The key first: platform-only fields are refused unless a platform sent them.
    const apiClient = await authenticateApiKey(request.headers.get('authorization'), 'reports:write');
    const report = parseReport(body, { platform: apiClient !== null });
    const idempotencyKey = idempotencyKeyOf(request.headers);
    const source = intakeSourceFor(request.headers, report, { channel: 'api', apiClientId: apiClient?.id, requestId });
    const quota = reportQuotaFor(apiClient ? `api:${apiClient.id}` : source.sourceHash);
    const accepted = await acceptReport(report, source, { idempotencyKey, quota });
    noteDatabaseUp();
    return json({ reference: accepted.reference, status: accepted.status }, 201, {
      'X-Request-Id': requestId,
      ...(accepted.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      // One log line per outage (lib/db-outage.ts), not a stack per request.
      noteDatabaseDown(error);
      return errorResponse(databaseUnavailableError(), requestId);
    }
    return errorResponse(error, requestId, 'invalid_report');
  }
}
