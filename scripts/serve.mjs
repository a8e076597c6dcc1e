// @ts-check
// The production HTTP server: Next.js behind a thin Node server whose one job is to establish the
// client address. Next keeps any X-Forwarded-For a client sends, so without this a client could
// forge its source and slip the rate limit. We overwrite CLIENT_IP_HEADER on every request.
//
// Plain JavaScript on purpose: run through a TypeScript loader, every module Next resolves at
// request time would pass through the loader's hooks (measured: /api/health at ~280 req/s).
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';

/** Must equal CLIENT_IP_HEADER in lib/security/client-source.ts (a unit test checks). */
export const CLIENT_IP_HEADER = 'x-tc-client-ip';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '0.0.0.0';
const trustProxy = process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';

/**
 * @param {string | string[] | undefined} forwardedFor
 * @param {string | undefined} socketAddress
 */
function clientAddress(forwardedFor, socketAddress) {
  if (trustProxy && forwardedFor) {
    // The right-most entry is the one our own proxy appended; everything left of it is the client's to forge.
    const entries = String(forwardedFor).split(',').map((s) => s.trim()).filter(Boolean);
    const last = entries.at(-1);
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}

if (process.argv[1] === import.meta.filename) {
  const app = next({ dev: false, dir: root, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress);
    if (!trustProxy) delete req.headers['x-forwarded-for'];
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => process.send?.({ type: 'listening', port }));

  const shutdown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
