import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyStream, discardRest } from '@/lib/http/request-body';
import { scriptlessResponseHeaders } from '@/lib/http/security-headers.js';
import { postReport } from './intake-endpoint';

/**
 * The intake API served by scripts/serve.mjs ahead of Next.js: the same handler as the Next route
 * (lib/reports/intake-endpoint.ts) and the same security headers as next.config.js, without the
 * page-rendering pipeline a JSON POST never needs. Measured on 2 cores: a trivial Next route answers
 * ~320 requests/s per process, plain Node ~9,600 (npm run bench:intake has the intake figures).
 * Built into the production bundle by scripts/build-intake-handler.ts.
 */
export const INTAKE_PATH = '/api/v1/reports';

export function isIntakeRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url) return false;
  const query = req.url.indexOf('?');
  return (query < 0 ? req.url : req.url.slice(0, query)) === INTAKE_PATH;
}

export async function handleIntakeRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      // Node's parser lets through a few values the Fetch API refuses; such a header is dropped
      // (as if not sent) rather than turning the request into a server error.
      try {
        headers.append(name, v);
      } catch {
        continue;
      }
    }
  }
  // The handler reads headers and body only; a fixed origin keeps a malformed Host header from
  // turning into a server error.
  const request = new Request(`http://localhost${INTAKE_PATH}`, {
    method: 'POST',
    headers,
    body: bodyStream(req),
    duplex: 'half',
  } as RequestInit);

  const response = await postReport(request);
  // JSON only: no nonce, no script may run.
  const outgoing: Record<string, string> = scriptlessResponseHeaders();
  response.headers.forEach((value, key) => {
    outgoing[key] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  outgoing['content-length'] = String(body.byteLength);
  // A refused body (wrong type, too large) is left unread by the handler. The answer goes out at
  // once, but the connection stays open while the rest of the body is read and discarded (never
  // stored, up to DISCARD_LIMIT_BYTES): closing under a client still sending resets the connection
  // and loses the answer. The connection then closes, so nothing stale precedes a next request.
  if (req.complete) {
    res.writeHead(response.status, outgoing);
    res.end(body);
    return;
  }
  outgoing['connection'] = 'close';
  req.on('error', () => undefined);
  res.writeHead(response.status, outgoing);
  res.write(body);
  const clean = await discardRest(req);
  res.end();
  if (!clean) req.socket.destroySoon();
}
