import 'server-only';
import cluster from 'node:cluster';
import { RateLimiterCluster, RateLimiterMemory, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { giveBackSharedPoint, takeSharedPoint } from './shared-limits';

/**
 * Per-source limits in two lines. The first is in memory: this process's, or, when scripts/serve.mjs
 * runs several web processes, the cluster primary's; it refuses a flood from one source without a
 * database call. The second is the limit itself, kept in PostgreSQL (lib/reports/shared-limits.ts)
 * and shared by every web node, so two nodes do not double a limit (decision 0020).
 */
// On globalThis: the intake fast path (lib/reports/intake-node-handler.ts) is bundled apart from Next's
// server code but runs in the same process, and a source's limit must be one limit across both.
const globalForLimits = globalThis as unknown as { tcRateLimiters?: Map<string, RateLimiterAbstract> };
const limiters = (globalForLimits.tcRateLimiters ??= new Map<string, RateLimiterAbstract>());

function limiter(name: string, perMinute: number): RateLimiterAbstract {
  const id = `${name}:${perMinute}`;
  let found = limiters.get(id);
  if (!found) {
    const options = { keyPrefix: id, points: perMinute, duration: 60 };
    found = cluster.isWorker ? new RateLimiterCluster({ ...options, timeoutMs: 3000 }) : new RateLimiterMemory(options);
    limiters.set(id, found);
  }
  return found;
}

/**
 * A refusal from the limiter. Checked by shape, not `instanceof`: the limiter lives on globalThis and
 * may have been created by another bundle (Next's server code, the intake fast path), whose copy of
 * rate-limiter-flexible has its own RateLimiterRes class. An `instanceof` check then failed, and a
 * rate-limited form report was told "Something went wrong on our side".
 */
export function isRateLimiterRefusal(value: unknown): value is Pick<RateLimiterRes, 'msBeforeNext' | 'remainingPoints'> {
  if (value === null || typeof value !== 'object' || value instanceof Error) return false;
  const { msBeforeNext, remainingPoints } = value as Partial<RateLimiterRes>;
  return typeof msBeforeNext === 'number' && typeof remainingPoints === 'number';
}

async function consume(name: string, perMinute: number, key: string, refusal: (retryAfterSeconds: number) => string): Promise<void> {
  const limited = (msBeforeNext: number) => {
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new AppError('rate_limited', refusal(retryAfterSeconds), { retryAfterSeconds });
  };
  const memory = limiter(name, perMinute);
  try {
    await memory.consume(key);
  } catch (result) {
    if (!isRateLimiterRefusal(result)) throw result;
    throw limited(result.msBeforeNext);
  }
  let shared: Awaited<ReturnType<typeof takeSharedPoint>>;
  try {
    shared = await takeSharedPoint(`${name}:${key}`, perMinute);
  } catch (error) {
    // Database unreachable (a 503 to the caller): nothing was spent, here or there.
    await memory.reward(key, 1).catch(() => undefined);
    throw error;
  }
  if (!shared.allowed) throw limited(shared.msBeforeNext);
}

const inSeconds = (seconds: number) => `in ${seconds} second${seconds === 1 ? '' : 's'}`;

/** One accepted report per call; REPORTS_PER_MINUTE_PER_SOURCE per source (default 10). */
export function consumeReportQuota(sourceHash: string): Promise<void> {
  const perMinute = getConfig().REPORTS_PER_MINUTE_PER_SOURCE;
  return consume('reports', perMinute, sourceHash, (seconds) =>
    `Your report was not sent: you have reached the limit of ${perMinute} reports a minute from one connection. Please try again ${inSeconds(seconds)}.`,
  );
}

/** Gives back a point taken by consumeReportQuota for a report that was not stored. */
export async function refundReportQuota(sourceHash: string): Promise<void> {
  await limiter('reports', getConfig().REPORTS_PER_MINUTE_PER_SOURCE).reward(sourceHash, 1);
  await giveBackSharedPoint(`reports:${sourceHash}`);
}

export const LOOKUPS_PER_MINUTE_PER_SOURCE = 30;

/** Status look-ups are limited separately so references cannot be enumerated. */
export function consumeLookupQuota(sourceHash: string): Promise<void> {
  return consume('lookups', LOOKUPS_PER_MINUTE_PER_SOURCE, sourceHash, (seconds) =>
    `Too many status look-ups from your connection (the limit is ${LOOKUPS_PER_MINUTE_PER_SOURCE} a minute). Please try again ${inSeconds(seconds)}.`,
  );
}
