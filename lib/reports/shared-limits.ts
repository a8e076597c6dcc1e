import 'server-only';
import { getPrisma } from '@/lib/db';
import { createSharedLimitBatcher, type TakeResult, type WindowState } from './shared-limit-batcher';

/** Every shared limit is per minute (fixed windows, as rate-limiter-flexible's stores keep them). */
const WINDOW_SECONDS = 60;

// One upsert for a whole group of keys; a window that has passed starts again at this group's count.
const TAKE = `
  INSERT INTO rate_limit_counters AS c (key, points, expires_at)
  SELECT t.key, t.n, now() + make_interval(secs => ${WINDOW_SECONDS})
  FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t(key, n, ord)
  ORDER BY t.ord
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN c.expires_at <= now() THEN excluded.points ELSE c.points + excluded.points END,
    expires_at = CASE WHEN c.expires_at <= now() THEN excluded.expires_at ELSE c.expires_at END
  RETURNING key, points, greatest(0, ceil(extract(epoch FROM expires_at - now()) * 1000))::int AS ms`;

async function take(counts: ReadonlyArray<readonly [string, number]>): Promise<Map<string, WindowState>> {
  const rows = await getPrisma().$queryRawUnsafe<{ key: string; points: number; ms: number }[]>(
    TAKE,
    counts.map(([key]) => key),
    counts.map(([, n]) => n),
  );
  maybePurge();
  return new Map(rows.map((r) => [r.key, { points: Number(r.points), msBeforeNext: Number(r.ms) }]));
}

// On globalThis, like the in-memory limiters: Next's server code and the intake fast path share a process.
const globalForShared = globalThis as unknown as {
  tcSharedLimits?: { batcher: ReturnType<typeof createSharedLimitBatcher>; lastPurge: number };
};
function shared() {
  globalForShared.tcSharedLimits ??= { batcher: createSharedLimitBatcher({ take, maxInFlight: 2 }), lastPurge: Date.now() };
  return globalForShared.tcSharedLimits;
}

/** Windows that ended over a minute ago are deleted, by whichever node gets there (each at most once a minute). */
function maybePurge(): void {
  const state = shared();
  if (Date.now() - state.lastPurge < 60_000) return;
  state.lastPurge = Date.now();
  getPrisma()
    .$executeRawUnsafe(`DELETE FROM rate_limit_counters WHERE expires_at < now() - interval '1 minute'`)
    .catch(() => undefined); // the next minute tries again; stale rows only take room
}

/** Takes one point of `key` from the limit every web node shares (`limit` a minute). */
export function takeSharedPoint(key: string, limit: number): Promise<TakeResult> {
  return shared().batcher.take(key, limit);
}

/** Gives a point back (a report that was not stored), within the current window only. */
export async function giveBackSharedPoint(key: string): Promise<void> {
  await getPrisma().$executeRawUnsafe(
    'UPDATE rate_limit_counters SET points = greatest(points - 1, 0) WHERE key = $1 AND expires_at > now()',
    key,
  );
}
