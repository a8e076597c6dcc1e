import 'server-only';
import cluster from 'node:cluster';
import { RateLimiterCluster, RateLimiterMemory, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { sharedWindowWait, takeSharedPoint } from './shared-limits';

/**
 * Per-source limits in two lines. The first is in memory: this process's, or, when scripts/serve.mjs
 * runs several web processes, the cluster primary's; it refuses a flood from one source without a
 * database call. The second is the limit itself, kept in PostgreSQL (rate_limit_counters; for reports
 * taken inside the intake transaction, for look-ups by lib/reports/shared-limits.ts)
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

function limitedError(msBeforeNext: number, refusal: (retryAfterSeconds: number) => string): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError('rate_limited', refusal(retryAfterSeconds), { retryAfterSeconds });
}

/**
 * The first line: this process's (or its cluster's) memory. Refuses without a database call, unless
 * memory refuses what the shared window would allow: a node's memory window starts at its own first
 * point, the shared one at the first point any node took, so the shared window can end (and a new
 * one start) while memory still counts the old one. When memory would refuse, the shared counter
 * has the last word (one read): a full shared window blocks memory until it ends, so the rest of a
 * flood is refused from memory; a window with room starts memory afresh. Unreadable (database
 * down), memory's refusal stands.
 */
async function consumeInMemory(
  name: string,
  perMinute: number,
  key: string,
  sharedKey: string,
  refusal: (retryAfterSeconds: number) => string,
): Promise<void> {
  const memory = limiter(name, perMinute);
  try {
    await memory.consume(key);
    return;
  } catch (result) {
    if (!isRateLimiterRefusal(result)) throw result;
    const wait = await sharedWindowWait(sharedKey, perMinute).catch(() => null);
    if (wait === null) throw limitedError(result.msBeforeNext, refusal);
    if (wait > 0) {
      await memory.block(key, wait / 1000);
      throw limitedError(wait, refusal);
    }
  }
  await memory.delete(key);
  await memory.consume(key);
}

const inSeconds = (seconds: number) => `in ${seconds} second${seconds === 1 ? '' : 's'}`;

/**
 * The intake limit of one source (a client address's keyed hash, or `api:<client id>`):
 * REPORTS_PER_MINUTE_PER_SOURCE accepted reports a minute across every web node. The first line is
 * `admit` (memory); the limit itself is `sharedKey`'s counter, which the intake transaction takes a
 * point of (tc_accept_report), so a report the database refuses or never stores spends nothing there.
 */
export type ReportQuota = {
  sharedKey: string;
  perMinute: number;
  admit: () => Promise<void>;
  /** Gives the in-memory point back: the report was not stored, or the shared limit refused it. */
  refund: () => Promise<void>;
  refused: (msBeforeNext: number) => AppError;
};

export function reportQuotaFor(sourceKey: string): ReportQuota {
  const perMinute = getConfig().REPORTS_PER_MINUTE_PER_SOURCE;
  const refusal = (seconds: number) =>
    `Your report was not sent: you have reached the limit of ${perMinute} reports a minute from one connection. Please try again ${inSeconds(seconds)}.`;
  const sharedKey = `reports:${sourceKey}`;
  return {
    sharedKey,
    perMinute,
    admit: () => consumeInMemory('reports', perMinute, sourceKey, sharedKey, refusal),
    refund: async () => {
      await limiter('reports', perMinute).reward(sourceKey, 1);
    },
    refused: (msBeforeNext) => limitedError(msBeforeNext, refusal),
  };
}

export const LOOKUPS_PER_MINUTE_PER_SOURCE = 30;

/** Status look-ups are limited separately so references cannot be enumerated: memory, then the shared counter. */
export async function consumeLookupQuota(sourceHash: string): Promise<void> {
  const refusal = (seconds: number) =>
    `Too many status look-ups from your connection (the limit is ${LOOKUPS_PER_MINUTE_PER_SOURCE} a minute). Please try again ${inSeconds(seconds)}.`;
  await consumeInMemory('lookups', LOOKUPS_PER_MINUTE_PER_SOURCE, sourceHash, `lookups:${sourceHash}`, refusal);
  let wait: number;
  try {
    wait = await takeSharedPoint(`lookups:${sourceHash}`, LOOKUPS_PER_MINUTE_PER_SOURCE);
  } catch (error) {
    // Database unreachable (a 503 to the caller): nothing was spent, here or there.
    await limiter('lookups', LOOKUPS_PER_MINUTE_PER_SOURCE).reward(sourceHash, 1).catch(() => undefined);
    throw error;
  }
  if (wait > 0) throw limitedError(wait, refusal);
}
