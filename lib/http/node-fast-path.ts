import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { databaseAnswers } from '@/lib/health';
import { scriptlessResponseHeaders } from '@/lib/http/security-headers.js';

/**
 * What scripts/serve.mjs answers without Next.js, bundled by scripts/lib/build-intake-handler.ts:
 * the intake API (platforms post in bulk) and the health check. Both work from the moment the
 * process listens, before Next has finished preparing, so after a crash the supervisor's restarted
 * web server takes reports and reports healthy within a second or two instead of ten.
 */
export { handleIntakeRequest, isIntakeRequest } from '@/lib/reports/intake-node-handler';

export const HEALTH_PATH = '/api/health';

export function isHealthRequest(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !req.url) return false;
  const query = req.url.indexOf('?');
  return (query < 0 ? req.url : req.url.slice(0, query)) === HEALTH_PATH;
}

/** GET /api/health as app/api/health/route.ts answers it: 200 when the database answers, 503 otherwise. */
export async function handleHealthRequest(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  const up = await databaseAnswers();
  const body = JSON.stringify(up ? { status: 'ok', database: 'up' } : { status: 'unavailable', database: 'down' });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store', ...scriptlessResponseHeaders() };
  res.writeHead(up ? 200 : 503, headers);
  res.end(body);
}
