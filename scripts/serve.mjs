// @ts-check
// The production HTTP server: Next.js behind a thin Node server whose one job is to establish the
// client address. Next keeps any X-Forwarded-For a client sends, so without this a client could
// forge its source and slip the rate limit. We overwrite CLIENT_IP_HEADER on every request.
//
// Plain JavaScript on purpose: run through a TypeScript loader, every module Next resolves at
// request time would pass through the loader's hooks (measured: /api/health at ~280 req/s).
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import { isForgedActionOrigin } from '../lib/http/action-origin.js';
import { answerUndecodableActionWith400, isTextAction } from '../lib/http/action-body.js';
import { isOversizedAction, refuseOversizedAction } from '../lib/http/action-size.js';
import { isMalformedTarget, refuseMalformedTarget } from '../lib/http/request-target.js';
import { applyForwardedHeaders } from '../lib/http/forwarded-headers.js';

/** Must equal CLIENT_IP_HEADER in lib/security/client-source.ts (a unit test checks). */
export const CLIENT_IP_HEADER = 'x-tc-client-ip';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '0.0.0.0';
const trustProxy = process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true';
/**
 * Slow clients: a request's headers must arrive within HTTP_HEADERS_TIMEOUT_MS and the whole request
 * within HTTP_REQUEST_TIMEOUT_MS (validated by lib/config/schema.ts), or Node answers 408 and closes.
 * Node checks these every connectionsCheckingInterval, so that is kept well below them.
 * @param {string | undefined} value @param {number} fallback
 */
const millis = (value, fallback) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : fallback);
const requestTimeout = millis(process.env.HTTP_REQUEST_TIMEOUT_MS, 30_000);
const headersTimeout = Math.min(requestTimeout, millis(process.env.HTTP_HEADERS_TIMEOUT_MS, 15_000));
const connectionsCheckingInterval = Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 4)));
/** TC_WEB_STANDBY=1: load everything, then wait for the supervisor's { type: 'listen' } message. */
const standby = process.env.TC_WEB_STANDBY === '1';
/**
 * A warm spare (scripts/start.ts) loads everything but leaves the port to the running server until
 * the supervisor says it died; taking over then costs milliseconds instead of a cold start. The
 * listener is attached now, before any await, so the message cannot arrive unheard.
 * @type {Promise<void>}
 */
let tookOver = !standby;
const takeOver = new Promise((resolve) => {
  if (tookOver) return resolve(undefined);
  process.on('message', (message) => {
    if (/** @type {{ type?: string } | null} */ (message)?.type !== 'listen') return;
    tookOver = true;
    resolve(undefined);
  });
  // A spare whose supervisor is gone has nothing to wait for.
  process.on('disconnect', () => !tookOver && process.exit(0));
});
/** Node serves one request at a time per process; more processes use more cores. */
const processes = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1) || 1);

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

/**
 * The fast path, bundled beside the Next build by scripts/lib/build-intake-handler.ts from
 * lib/http/node-fast-path.ts: POST /api/v1/reports and GET /api/health, answered by the same code
 * as the Next routes without Next's pipeline.
 * @typedef {(req: import('node:http').IncomingMessage) => boolean} Matcher
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>} Handler
 * @returns {Promise<{ isIntakeRequest: Matcher, handleIntakeRequest: Handler, isHealthRequest: Matcher, handleHealthRequest: Handler }>}
 */
async function loadFastPath() {
  const file = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'tc-intake-handler.mjs');
  return import(pathToFileURL(file).href);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 */
function failed(res, error) {
  console.error('request failed', error);
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end('{"error":"internal_error","message":"Something went wrong on our side."}');
}

async function serve() {
  const fast = await loadFastPath();
  // The fast path answers from the moment the port is open; Next takes seconds more to prepare (ten
  // on a busy machine), and pages wait for it. After a crash, intake is back in a second or two.
  // Next is imported after the fast path, not at the top: loading it alone takes seconds.
  /** @type {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>) | undefined} */
  let handle;
  const nextReady = import('next').then(async ({ default: next }) => {
    const app = next({ dev: false, dir: root, hostname, port });
    await app.prepare();
    handle = app.getRequestHandler();
  });

  const server = createServer({ requestTimeout, headersTimeout, connectionsCheckingInterval }, (req, res) => {
    // An undecodable path reaches neither Next (which answered it with a bare 500) nor the intake.
    if (isMalformedTarget(req.url)) return refuseMalformedTarget(req, res);
    req.headers[CLIENT_IP_HEADER] = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress);
    applyForwardedHeaders(req, res, trustProxy);
    if (isForgedActionOrigin(req, { trustProxy })) {
      // Next would refuse it too, but with a 500: a cross-site server action is the client's fault.
      res.writeHead(403, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end('{"error":"forbidden","message":"Cross-site request refused."}');
      return;
    }
    // Next would refuse it too, but with a 500: a server action over its body limit is the client's fault.
    if (isOversizedAction(req)) return refuseOversizedAction(req, res);
    // Next answers a server action whose body is not JSON with a 500 too (vercel/next.js#86945).
    if (isTextAction(req)) answerUndecodableActionWith400(req, res);
    if (fast.isIntakeRequest(req)) return void fast.handleIntakeRequest(req, res).catch((error) => failed(res, error));
    if (fast.isHealthRequest(req)) return void fast.handleHealthRequest(req, res).catch((error) => failed(res, error));
    if (handle) return void handle(req, res);
    nextReady.then(() => handle?.(req, res)).catch((error) => failed(res, error));
  });
  server.keepAliveTimeout = 65_000;
  const listen = () =>
    server.listen(port, hostname, () => {
      const address = server.address();
      // "Listening" to the supervisor once every page can be served.
      void nextReady.then(() => process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : port }));
    });
  // A warm spare waits here, everything loaded, until the supervisor gives it the port.
  await takeOver;
  listen();

  const shutdown = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // The supervisor (scripts/start.ts) died without stopping us (kill -9): stop rather than hold the port.
  if (cluster.isPrimary) process.on('disconnect', shutdown);
}

/**
 * Several processes share the port (node:cluster). Rate limits stay global: the primary holds the
 * counters (rate-limiter-flexible's cluster master) and lib/reports/rate-limit.ts asks it.
 */
function supervise() {
  new RateLimiterClusterMaster();
  let listening = 0;
  let stopping = false;
  const fork = () => cluster.fork().on('message', (message) => {
    if (message?.type === 'listening' && ++listening === processes) process.send?.(message);
  });
  for (let i = 0; i < processes; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Web process ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
    setTimeout(fork, 1_000);
  });
  const shutdown = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 6_000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
}

const isEntryPoint = process.argv[1] === import.meta.filename;
if (isEntryPoint && processes > 1 && cluster.isPrimary) supervise();
else if (isEntryPoint || cluster.isWorker) await serve();
