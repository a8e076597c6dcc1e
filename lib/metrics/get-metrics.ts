import 'server-only';
import { roleAtLeast, type StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { referralObligationAges } from '@/lib/response/referral-obligation-ages';
import { backlog, breachesByDay, durations, exposure, perHour, throughput } from './metrics-sql';
import { responseTimes } from './response-sql';
import type { Metrics } from './types';

/** Everything the metrics page shows, for supervisors and admins, as of `now`. */
export async function getMetrics({
  actor,
  exposureCap,
  now = new Date(),
  windowDays = 14,
  referralTargetHours = getConfig().REFERRAL_TARGET_HOURS,
}: {
  actor: StaffPrincipal;
  exposureCap: number;
  now?: Date;
  windowDays?: number;
  referralTargetHours?: number;
}): Promise<Metrics> {
  if (!roleAtLeast(actor.role, 'supervisor')) throw new AppError('forbidden', 'This needs the supervisor role');
  // Independent read-only aggregates, run side by side on the pool: the page costs its slowest query.
  const db = getPrisma();
  const [backlogRows, byDay, { firstAction, closure }, hours, done, exposed, response, referralAges] = await Promise.all([
    backlog(db, now),
    breachesByDay(db, now, windowDays),
    durations(db, now, windowDays),
    perHour(db, now, windowDays * 24),
    throughput(db, now, 7),
    exposure(db, now, 7),
    responseTimes(db, now, windowDays),
    referralObligationAges(db, now, referralTargetHours),
  ]);
  const today = now.toISOString().slice(0, 10);
  const todayCases = new Map(exposed.filter((e) => e.day.toISOString().startsWith(today)).map((e) => [e.staffId, e.cases]));
  return {
    generatedAt: now,
    backlog: backlogRows,
    breachedNow: backlogRows.reduce((sum, r) => sum + r.breached, 0),
    breachesByDay: byDay,
    firstAction,
    closure,
    perHour: hours,
    throughput: done.map((t) => {
      const casesToday = todayCases.get(t.staffId) ?? 0;
      return { ...t, casesToday, overCap: casesToday > exposureCap };
    }),
    exposure: exposed,
    exposureCap,
    overCap: exposed.filter((e) => e.cases > exposureCap),
    windowDays,
    response,
    referralObligations: {
      ...referralAges,
      buckets: referralAges.buckets.map(({ key, label, count, pastTarget }) => ({ key, label, count, pastTarget })),
    },
  };
}
