import { errorResponse, json, newRequestId } from '@/lib/http/respond';
import { readJsonBody } from '@/lib/http/read-json';
import { authenticateApiKey } from '@/lib/platform/api-keys';
import { acceptReport } from '@/lib/reports/accept-report';
import { intakeSourceFor } from '@/lib/reports/intake-source';
import { consumeReportQuota } from '@/lib/reports/rate-limit';
import { ZReportInput } from '@/lib/reports/schema';

export const dynamic = 'force-dynamic';

/** POST /api/v1/reports — the JSON intake API (same schema as the public form). */
export async function POST(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    const body = await readJsonBody(request);
    const report = ZReportInput.parse(body);
    const apiClient = await authenticateApiKey(request.headers.get('authorization'), 'reports:write');
    const source = intakeSourceFor(request.headers, report, { channel: 'api', apiClientId: apiClient?.id, requestId });
    const accepted = await acceptReport(report, source, {
      idempotencyKey: request.headers.get('idempotency-key')?.trim().slice(0, 200) || null,
      admit: () => consumeReportQuota(apiClient ? `api:${apiClient.id}` : source.sourceHash),
    });
    return json({ reference: accepted.reference, status: accepted.status }, 201, {
      'X-Request-Id': requestId,
      ...(accepted.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  } catch (error) {
    return errorResponse(error, requestId, 'invalid_report');
  }
}
