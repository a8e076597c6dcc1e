import 'server-only';
import cluster from 'node:cluster';
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';

/**
 * Per-source limits, kept in memory: this process's, or, when scripts/serve.mjs runs several web
 * processes, the cluster primary's, so a limit is one limit for the whole server. (Several servers
 * would swap in rate-limiter-flexible's Postgres or Redis store.)
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

async function consume(name: string, perMinute: number, key: string): Promise<void> {
  try {
    await limiter(name, perMinute).consume(key);
  } catch (result) {
    if (!(result instanceof RateLimiterRes)) throw result;
    const retryAfterSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    throw new AppError('rate_limited', `Too many reports from your connection. Please try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}

/** One accepted report per call; REPORTS_PER_MINUTE_PER_SOURCE per source (default 10). */
export function consumeReportQuota(sourceHash: string): Promise<void> {
  return consume('reports', getConfig().REPORTS_PER_MINUTE_PER_SOURCE, sourceHash);
}

/** Gives back a point taken by consumeReportQuota for a report that was not stored. */
export async function refundReportQuota(sourceHash: string): Promise<void> {
  await limiter('reports', getConfig().REPORTS_PER_MINUTE_PER_SOURCE).reward(sourceHash, 1);
}

/** Status look-ups are limited separately so references cannot be enumerated. */
export function consumeLookupQuota(sourceHash: string): Promise<void> {
  return consume('lookups', 30, sourceHash);
}
