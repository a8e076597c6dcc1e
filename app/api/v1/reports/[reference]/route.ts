import { AppError } from '@/lib/errors';
import { errorResponse, json, newRequestId } from '@/lib/http/respond';
import { consumeLookupQuotaFor } from '@/lib/reports/look-up-report';
import { parseReference } from '@/lib/reports/reference';
import { findReportStatus } from '@/lib/reports/report-status';

export const dynamic = 'force-dynamic';

/** GET /api/v1/reports/{reference} — the reporter's coarse status, nothing else. */
export async function GET(request: Request, context: { params: Promise<{ reference: string }> }): Promise<Response> {
  const requestId = newRequestId();
  try {
    await consumeLookupQuotaFor(request.headers);
    const { reference: raw } = await context.params;
    const reference = parseReference(raw);
    const found = reference ? await findReportStatus(reference) : null;
    if (!found) throw new AppError('not_found', 'No report has this reference');
    return json({ reference: found.reference, status: found.status, receivedAt: found.receivedAt.toISOString() }, 200);
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
