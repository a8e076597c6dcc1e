import { z } from 'zod';
import { exportAuditEntries } from '@/lib/audit/export-audit';
import { parseAuditFilter } from '@/lib/audit/list-filter';
import { requireRole } from '@/lib/auth/guards';
import { errorResponse, newRequestId } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

const ZFormat = z.enum(['csv', 'jsonl']);

/**
 * GET /api/v1/audit/export?format=csv|jsonl&actor=&case=&event=&from=&to= — the audit view's
 * filtered set as a streamed download (supervisors and admins). The export is audited before the
 * first byte is sent; CSV cells are escaped against spreadsheet formula injection.
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    const staff = await requireRole('supervisor');
    const params = new URL(request.url).searchParams;
    const format = ZFormat.parse(params.get('format') ?? 'csv');
    const filter = parseAuditFilter(params);
    const file = await exportAuditEntries({ actor: staff, filter, format, requestId });
    return new Response(file.body, {
      status: 200,
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
        'X-Request-Id': requestId,
        'X-Audit-Rows': String(file.rows),
      },
    });
  } catch (error) {
    return errorResponse(error, requestId, 'invalid_filter');
  }
}
