// @ts-check
// Plain JavaScript: scripts/serve.mjs runs it on every request before Next sees it.

/** @param {string | string[] | undefined} value */
const firstHeaderValue = (value) => (Array.isArray(value) ? value[0] : value?.split(',')[0])?.trim();

/**
 * True for a server-action request whose Origin is another site (or unreadable). Next 16 makes the
 * same CSRF check but answers a mismatch with a 500 and a malformed Origin with an uncaught
 * TypeError; the server refuses these first with a 403. The host compared is the one the browser
 * used: X-Forwarded-Host only behind a trusted proxy, as in lib/http/same-origin.ts (route handlers,
 * under /api/, make that check themselves). No Origin at all is let through, as Next does: browsers
 * send one on every POST, so such a request is not a browser's cross-site request (decision 0004).
 * next.config.js sets no serverActions.allowedOrigins; if it ever does, this must honour it too.
 *
 * @param {{ method?: string, url?: string, headers: import('node:http').IncomingHttpHeaders }} req
 * @param {{ trustProxy: boolean }} options
 */
export function isForgedActionOrigin(req, { trustProxy }) {
  if (req.method !== 'POST' || (req.url ?? '').startsWith('/api/')) return false;
  const contentType = String(req.headers['content-type'] ?? '');
  const possibleAction =
    req.headers['next-action'] !== undefined || contentType.startsWith('multipart/form-data') || contentType === 'application/x-www-form-urlencoded';
  const origin = req.headers.origin;
  if (!possibleAction || origin === undefined) return false;
  const host = (trustProxy && firstHeaderValue(req.headers['x-forwarded-host'])) || req.headers.host;
  let originHost = null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  return !host || originHost !== host;
}
