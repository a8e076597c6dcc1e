import 'server-only';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { isDatabaseUnavailable, noteDatabaseDown, serviceUnavailableError } from '@/lib/db-outage';
import { AppError } from '@/lib/errors';
import { toFieldIssues } from '@/lib/reports/schema';

export function newRequestId(): string {
  return randomUUID();
}

export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, {
    status,
    headers: { 'Cache-Control': 'no-store', ...headers },
  });
}

/**
 * The one place errors become HTTP responses: expected errors say what is wrong, a database that
 * cannot be reached is a 503 with Retry-After (one log line per outage), anything else is a
 * redacted 500 whose details go to the server log under the request ID.
 */
export function errorResponse(error: unknown, requestId: string, invalidCode = 'invalid_request'): Response {
  const headers = { 'X-Request-Id': requestId };
  if (isDatabaseUnavailable(error)) {
    noteDatabaseDown(error);
    error = serviceUnavailableError();
  }
  if (error instanceof ZodError) {
    return json({ error: invalidCode, issues: toFieldIssues(error) }, 400, headers);
  }
  if (error instanceof AppError) {
    const extra: Record<string, string> = { ...headers };
    if (error.extra.retryAfterSeconds) extra['Retry-After'] = String(error.extra.retryAfterSeconds);
    const code = error.code === 'invalid_input' ? invalidCode : error.code;
    return json({ error: code, message: error.userMessage }, error.status, extra);
  }
  console.error(`[${requestId}] unhandled error`, error);
  return json({ error: 'internal_error', message: 'Something went wrong on our side.', requestId }, 500, headers);
}
