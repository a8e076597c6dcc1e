import 'server-only';
import { getPrisma } from '@/lib/db';

/**
 * A point of a limit every web node shares (tc_take_limit_point: fixed one-minute windows kept in
 * the unlogged rate_limit_counters table, on the database's clock). Intake takes its point inside
 * the intake transaction instead (lib/reports/accept-report.ts), so it costs reports no round trip.
 * Returns 0 when the point was taken, else the milliseconds until the window ends.
 */
export async function takeSharedPoint(key: string, perMinute: number): Promise<number> {
  const [row] = await getPrisma().$queryRawUnsafe<{ wait: number }[]>('SELECT tc_take_limit_point($1, $2) AS wait', key, perMinute);
  return Number(row?.wait ?? 0);
}

/**
 * Without taking a point: 0 when `key`'s shared window has room (or has ended), else the milliseconds
 * until it ends. Asked only when a node's in-memory first line refuses (lib/reports/rate-limit.ts).
 */
export async function sharedWindowWait(key: string, perMinute: number): Promise<number> {
  const [row] = await getPrisma().$queryRawUnsafe<{ wait: number }[]>(
    `SELECT least(60000, greatest(1, ceil(extract(epoch FROM expires_at - now()) * 1000)))::integer AS wait
       FROM rate_limit_counters WHERE key = $1 AND points >= $2 AND expires_at > now()`,
    key,
    perMinute,
  );
  return Number(row?.wait ?? 0);
}

/** Deletes windows that ended over a minute ago (the worker, once a minute; any number may run it). */
export function purgeEndedLimitWindows(prisma = getPrisma()): Promise<number> {
  return prisma.$executeRawUnsafe(`DELETE FROM rate_limit_counters WHERE expires_at < now() - interval '1 minute'`);
}
