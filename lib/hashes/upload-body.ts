import 'server-only';
import { AppError } from '@/lib/errors';
import { CONSOLE_UPLOAD_MAX_BYTES } from './schema';

/** Content types that are certainly not a hash list; refused before a byte is read. */
const NOT_A_LIST = /^(image|video|audio|multipart)\//i;

/**
 * The body of a console upload as a stream of chunks, refused (413) the moment it passes the
 * console's limit and checked against the size the browser announced, so a body cut short on the
 * way can never be imported as if it were the whole file.
 */
export async function* uploadBody(request: Request, announcedSize: number): AsyncGenerator<Uint8Array> {
  const contentType = request.headers.get('content-type') ?? '';
  if (NOT_A_LIST.test(contentType)) {
    throw new AppError('unsupported_media_type', 'Only hash lists (CSV or JSON lines text) are accepted; media is never uploaded or stored. Nothing was imported.');
  }
  const tooLarge = () =>
    new AppError('payload_too_large', `The console accepts files up to ${CONSOLE_UPLOAD_MAX_BYTES / (1024 * 1024)} MB; import larger lists with npm run hashlist:import. Nothing was imported.`);
  if (announcedSize > CONSOLE_UPLOAD_MAX_BYTES || Number(request.headers.get('content-length') ?? 0) > CONSOLE_UPLOAD_MAX_BYTES) throw tooLarge();
  if (!request.body) throw new AppError('invalid_input', 'The upload had no file. Nothing was imported.');
  let received = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    received += chunk.length;
    if (received > CONSOLE_UPLOAD_MAX_BYTES) throw tooLarge();
    yield chunk;
  }
  if (received !== announcedSize) {
    throw new AppError('invalid_input', `The upload arrived incomplete (${received} of ${announcedSize} bytes). Nothing was imported; try again.`);
  }
}
