import { z } from 'zod';
import { requireRole } from '@/lib/auth/guards';
import { importHashList } from '@/lib/hashes/import-hash-list';
import { ZHashListFileName, ZHashListImportInput } from '@/lib/hashes/schema';
import { uploadBody } from '@/lib/hashes/upload-body';
import { errorResponse, json, newRequestId } from '@/lib/http/respond';
import { assertSameOrigin } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

const ZUploadQuery = z.object({ fileName: ZHashListFileName, size: z.coerce.number().int().nonnegative() });

/**
 * POST: imports a hash-list file from the console (admins). The body is the file itself, streamed
 * straight into the import (never stored), and the list's details are query parameters: name,
 * source, category, pdqMaxDistance, replace, fileName, size. A route handler rather than a server
 * action, so the 64 KB server-action limit that guards every other form stays as it is; this route
 * takes up to 50 MB (lib/hashes/schema.ts) and is kept out of proxy.ts, which would buffer (and
 * past 10 MB cut) the body. Same-origin only.
 */
export async function POST(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    assertSameOrigin(request);
    const staff = await requireRole('admin');
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const input = ZHashListImportInput.parse(params);
    const { fileName, size } = ZUploadQuery.parse(params);
    const result = await importHashList(input, fileName, uploadBody(request, size), {
      actor: { type: 'staff', id: staff.id },
      via: 'console',
      importedById: staff.id,
      requestId,
    });
    return json(result, 201, { 'X-Request-Id': requestId });
  } catch (error) {
    return errorResponse(error, requestId, 'invalid_hash_list');
  }
}
