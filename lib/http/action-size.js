// @ts-check
// Plain JavaScript: scripts/serve.mjs runs it on every request before Next sees it.

/** next.config.ts experimental.serverActions.bodySizeLimit ('64kb'): keep the two the same. */
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * True for a possible server-action request (a page POST: a fetch action or a form post) whose
 * Content-Length is over Next's server-action limit. Next refuses it too, but answers a 500 (its
 * error carries statusCode 413 and is thrown anyway); the server answers 413 first. A chunked body
 * has no length to check here and is left to Next.
 *
 * @param {{ method?: string, url?: string, headers: import('node:http').IncomingHttpHeaders }} req
 */
export function isOversizedAction(req) {
  if (req.method !== 'POST' || (req.url ?? '').startsWith('/api/')) return false;
  const contentType = String(req.headers['content-type'] ?? '');
  const possibleAction =
    req.headers['next-action'] !== undefined || contentType.startsWith('multipart/form-data') || contentType.startsWith('application/x-www-form-urlencoded');
  return possibleAction && Number(req.headers['content-length'] ?? 0) > ACTION_BODY_LIMIT_BYTES;
}

/** Read and thrown away at most this much of a refused body, so its sender receives the 413. */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Answers 413 at once, then reads and discards the rest of the body (never kept; at most
 * DISCARD_LIMIT_BYTES) before closing: closing under a client still sending resets the connection,
 * and it would see ECONNRESET instead of the answer (as lib/reports/intake-node-handler.ts does).
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function refuseOversizedAction(req, res) {
  res.writeHead(413, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'close' });
  res.write('{"error":"payload_too_large","message":"This form sent more than the console accepts (64 KB). Nothing was changed."}');
  let seen = 0;
  const finish = () => {
    req.removeAllListeners('data');
    res.end();
  };
  req.on('data', (/** @type {Buffer} */ chunk) => {
    seen += chunk.byteLength;
    if (seen > DISCARD_LIMIT_BYTES) {
      finish();
      req.socket.destroySoon();
    }
  });
  req.once('end', finish);
  req.once('error', finish);
}
