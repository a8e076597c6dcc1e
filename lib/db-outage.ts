import { AppError } from '@/lib/errors';

/** How long a client should wait before retrying while the database is down. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNREACHABLE_MESSAGE =
  /timeout exceeded when trying to connect|connection terminated|query read timeout|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|can't reach database|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Client has encountered a connection error|server closed the connection/i;

/**
 * SQLSTATEs meaning "the database cannot serve now", not "this statement is wrong": connection
 * exceptions (08…), cannot connect now / admin shutdown / crash shutdown (57P0…), query canceled by
 * statement_timeout (57014), too many connections (53300).
 */
function unavailableSqlState(code: unknown): boolean {
  return typeof code === 'string' && (/^08/.test(code) || /^57P0/.test(code) || code === '57014' || code === '53300');
}

/** True when `test` holds for the error or any cause under it: a pg error, or the driver adapter's mapped cause inside a Prisma error. */
function anyInChain(error: unknown, test: (e: ErrorLike) => boolean, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as ErrorLike;
  if (test(e)) return true;
  const adapterError = e.meta?.driverAdapterError as { cause?: unknown } | undefined;
  return anyInChain(adapterError?.cause, test, depth + 1) || anyInChain(e.cause, test, depth + 1);
}
type ErrorLike = { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: Record<string, unknown> };

/**
 * True when an error means the database is unreachable, frozen or restarting, however it surfaced:
 * a pg error, the driver adapter's mapped cause inside a Prisma error, or a plain pool timeout.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return anyInChain(
    error,
    (e) =>
      (typeof e.kind === 'string' && UNREACHABLE_KINDS.has(e.kind)) ||
      unavailableSqlState(e.originalCode) ||
      unavailableSqlState(e.code) ||
      e.code === 'P1001' ||
      e.code === 'P1002' ||
      e.code === 'P1017' ||
      (typeof e.message === 'string' && UNREACHABLE_MESSAGE.test(e.message)),
  );
}

const CONNECTION_LOST_MESSAGE = /connection terminated|server closed the connection|ECONNRESET|EPIPE/i;

/**
 * True when an open connection was lost (a pooler killed, a network path cut), so a statement sent
 * on it may have committed without its answer arriving. Not a refusal (PostgreSQL answered) nor a
 * timeout (a frozen server).
 */
export function isConnectionLost(error: unknown): boolean {
  return anyInChain(error, (e) => e.kind === 'ConnectionClosed' || (typeof e.message === 'string' && CONNECTION_LOST_MESSAGE.test(e.message)));
}

// One state per process, on globalThis: the intake fast path is bundled apart from Next's server
// code but runs in the same process, and an outage is one outage for both.
type OutageState = { down: boolean; since: number; failures: number };
const globalForOutage = globalThis as unknown as { tcDatabaseOutage?: OutageState };
const state = (globalForOutage.tcDatabaseOutage ??= { down: false, since: 0, failures: 0 });

/**
 * Records a failed database call. The first failure of an outage logs one line; the rest are
 * counted, not logged, so an outage under load cannot fill the disk with stack traces.
 */
export function noteDatabaseDown(error: unknown): void {
  state.failures++;
  if (state.down) return;
  state.down = true;
  state.since = Date.now();
  // Prisma's messages start with a blank line and end with the driver's own words: keep those.
  const reason = error instanceof Error ? (error.message.split('\n').filter((line) => line.trim()).at(-1) ?? error.name).slice(0, 200) : String(error);
  console.error(`[database] unavailable: answering 503 until it is back (${reason})`);
}

/** Records a successful database call; ends an outage with one line. */
export function noteDatabaseUp(): void {
  if (!state.down) return;
  console.error(`[database] available again after ${((Date.now() - state.since) / 1000).toFixed(1)} s (${state.failures} requests refused meanwhile)`);
  state.down = false;
  state.failures = 0;
}

export function databaseIsDown(): boolean {
  return state.down;
}

/** The refusal a client sees while the database is unavailable: 503 with Retry-After. */
export function databaseUnavailableError(): AppError {
  return new AppError(
    'service_unavailable',
    `The service is temporarily unavailable and your report was not sent. Please try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
    { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  );
}

/** The same refusal for any other request: 503 with Retry-After, without speaking of a report. */
export function serviceUnavailableError(): AppError {
  return new AppError('service_unavailable', `The service is temporarily unavailable. Please try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`, {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}
