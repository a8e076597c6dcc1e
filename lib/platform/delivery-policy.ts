/**
 * The webhook delivery policy as plain numbers and functions (unit-tested; no database).
 *
 * Retry schedule: exponential from 30 s, doubling, capped at one hour, with "equal jitter" (a
 * random point in the upper half of each step) so a receiver that comes back after an outage is
 * not hit by every waiting event at the same instant, while each wait stays at least half its
 * step. With the default 8 attempts an event is dead-lettered after roughly 1–2 hours of failure.
 */
export const DELIVERY_TIMEOUT_MS = 10_000;
/**
 * A claimed event is not claimed again for this long. It must outlast one delivery (the 10 s
 * timeout plus two small updates); when a worker dies mid-delivery, the event is delivered again
 * (same Idempotency-Key) once the lease runs out.
 */
export const CLAIM_LEASE_SECONDS = 15;
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60_000;

/** Wait before the next try after failed attempt number `attempt` (1-based). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** After a failed attempt: try again later, or dead-letter it for an admin to retry. */
export function afterFailure(attempt: number, maxAttempts: number): 'retry' | 'dead' {
  return attempt >= maxAttempts ? 'dead' : 'retry';
}

/** A short, body-free description of a failed attempt for outbox_events.last_error. */
export function describeFailure(outcome: { status: number } | { error: unknown }): string {
  if ('status' in outcome) {
    return outcome.status >= 300 && outcome.status < 400
      ? `HTTP ${outcome.status} (redirects are not followed)`
      : `HTTP ${outcome.status}`;
  }
  const error = outcome.error;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no response within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  return `network error${code ? ` (${code})` : ''}`.slice(0, 200);
}
