import { z } from 'zod';
import { requireRole } from '@/lib/auth/guards';
import { errorResponse, newRequestId } from '@/lib/http/respond';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { exportReferral } from '@/lib/referrals/export-referral';
import { FileExportSubmitter } from '@/lib/referrals/submitters';

export const dynamic = 'force-dynamic';

/**
 * POST: builds a new signed packet version of an approved referral and returns it as a download.
 * A POST (not a GET) because every download is a new, audited version. Same-origin only.
 */
export async function POST(request: Request, { params }: { params: Promise<{ referralId: string }> }): Promise<Response> {
  const requestId = newRequestId();
  try {
    assertSameOrigin(request);
    const staff = await requireRole('moderator');
    const referralId = z.uuid().parse((await params).referralId);
    const packet = await exportReferral({ referralId, actor: staff });
    const file = await new FileExportSubmitter().submit(packet);
    if (file.kind !== 'file') throw new Error('unexpected submitter result');
    return new Response(Buffer.from(file.bytes), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Packet-SHA256': file.sha256,
        'X-Request-Id': requestId,
      },
    });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
