import { errorResponse, json, newRequestId } from '@/lib/http/respond';
import { requireApiClient } from '@/lib/platform/api-keys';
import { parseDecisionsQuery } from '@/lib/platform/decision-cursor';
import { listDecisions } from '@/lib/platform/list-decisions';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/decisions?after=<cursor>&limit=<1..500> — decisions for platforms that poll instead
 * of (or as well as) receiving the webhook. Needs an API key with the decisions:read scope.
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    await requireApiClient(request.headers.get('authorization'), 'decisions:read');
    const params = new URL(request.url).searchParams;
    const query = parseDecisionsQuery(params);
    const page = await listDecisions({ ...query, afterCursor: params.get('after') });
    return json(page, 200, { 'X-Request-Id': requestId });
  } catch (error) {
    return errorResponse(error, requestId, 'invalid_request');
  }
}
