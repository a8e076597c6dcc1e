import 'server-only';
import { AppError } from '@/lib/errors';

export const INTAKE_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Reads a JSON request body, refusing anything that is not application/json before reading a byte
 * (a multipart upload is never read, stored or logged) and anything over the limit, whether the
 * Content-Length says so up front or the stream runs over while reading.
 */
export async function readJsonBody(request: Request, limitBytes = INTAKE_BODY_LIMIT_BYTES): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    await request.body?.cancel().catch(() => undefined);
    throw new AppError('unsupported_media_type', 'Send the report as JSON with Content-Type: application/json. Files are never accepted.');
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw new AppError('payload_too_large', `The body must be at most ${limitBytes / 1024} KiB`);
  }

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => undefined);
        throw new AppError('payload_too_large', `The body must be at most ${limitBytes / 1024} KiB`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON');
  }
}
