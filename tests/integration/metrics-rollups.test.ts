// The metrics rollups are bookkeeping derived from the audit log, reports, cases and case actions.
// These tests compute each figure both ways (the rollup, and the direct SQL the page ran before the
// rollups existed) and require the same answer.
import { describe, expect, it } from 'vitest';
import { writeAudit } from '@/lib/audit/write-audit';
import { getCase } from '@/lib/cases/get-case';
import { getPrisma } from '@/lib/db';
import { exposure, perHour, throughput } from '@/lib/metrics/metrics-sql';
import { HOUR_MS, rollUpMetricHours, rolledUpRun } from '@/lib/metrics/rollup-hours';
import { createStaffPrincipal, reportAccount } from '../factories/cases';
import { superuserPrisma } from '../setup/role-clients';

const prisma = getPrisma();
const DAY_MS = 86_400_000;
const utcMidnight = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** case.viewed at a chosen time: only the clock differs from tc_write_audit, which stamps now(). */
const viewAt = (actorId: string, caseId: string, at: Date) =>
  prisma.$executeRaw`
    INSERT INTO audit_entries (occurred_at, actor_type, actor_id, event, case_id, entity_type, entity_id, payload)
    VALUES (${at}, 'staff', ${actorId}, 'case.viewed', ${caseId}::uuid, 'case', ${caseId},
            '{"status":"open","version":1,"contactsShown":false}'::jsonb)`;

/** Exposure as the page computed it before the rollup: straight from the audit log. */
const directExposure = () =>
  prisma.$queryRaw<{ actorId: string; day: string; cases: number }[]>`
    SELECT actor_id AS "actorId", to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(DISTINCT case_id)::int AS cases
    FROM audit_entries WHERE event = 'case.viewed' AND actor_type = 'staff'
    GROUP BY 1, 2 ORDER BY 2, 1`;
const rolledUpExposure = () =>
  prisma.$queryRaw<{ actorId: string; day: string; cases: number }[]>`
    SELECT actor_id AS "actorId", to_char(day, 'YYYY-MM-DD') AS day, cases FROM exposure_days ORDER BY 2, 1`;

describe('exposure rollup (trigger on audit_entries)', () => {
  it('counts distinct cases per person per UTC day exactly as the audit log does', async () => {
    const [m1, m2] = [await createStaffPrincipal('moderator', 'Roll One'), await createStaffPrincipal('moderator', 'Roll Two')];
    const [a, b, c] = [await reportAccount(), await reportAccount(), await reportAccount()];
    const today = utcMidnight(Date.now());

    // The real path: opening a case writes case.viewed through tc_write_audit. A twice, B once.
    for (const k of [a, a, b]) expect(await getCase({ caseId: k.caseId, viewer: m1 })).not.toBeNull();
    // Two views of one case at once by the same person meet on the rollup's primary key: one case.
    await Promise.all([getCase({ caseId: c.caseId, viewer: m2 }), getCase({ caseId: c.caseId, viewer: m2 })]);
    // Across UTC midnight: the last millisecond of yesterday and the first of today are two days.
    await viewAt(m1.id, c.caseId, new Date(today - 1));
    await viewAt(m1.id, c.caseId, new Date(today));
    // Two days ago, the same case twice and another once.
    await viewAt(m2.id, a.caseId, new Date(today - 2 * DAY_MS + 3_600_000));
    await viewAt(m2.id, a.caseId, new Date(today - 2 * DAY_MS + 7_200_000));
    await viewAt(m2.id, b.caseId, new Date(today - DAY_MS + 1));
    // A view whose transaction rolls back (then is retried and commits) counts once, like its entry.
    await expect(
      prisma.$transaction(async (tx) => {
        await writeAudit(tx, { event: 'case.viewed', caseId: b.caseId, payload: { status: 'open', version: 1, contactsShown: false } }, { actor: { type: 'staff', id: m2.id } });
        throw new Error('fails after the view was written');
      }),
    ).rejects.toThrow('fails after');
    await getCase({ caseId: b.caseId, viewer: m2 });
    // Not views by staff: not exposure, in either computation.
    await prisma.$executeRaw`
      INSERT INTO audit_entries (actor_type, actor_id, event, case_id, payload)
      VALUES ('system', NULL, 'case.viewed', ${a.caseId}::uuid, '{}'::jsonb), ('staff', ${m1.id}, 'case.claimed', ${b.caseId}::uuid, '{}'::jsonb)`;

    const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
    const expected = [
      { actorId: m2.id, day: day(-2), cases: 1 },
      { actorId: m1.id, day: day(-1), cases: 1 },
      { actorId: m2.id, day: day(-1), cases: 1 },
      { actorId: m1.id, day: day(0), cases: 3 },
      { actorId: m2.id, day: day(0), cases: 2 },
    ].sort((x, y) => x.day.localeCompare(y.day) || x.actorId.localeCompare(y.actorId));
    expect(await directExposure()).toEqual(expected);
    expect(await rolledUpExposure()).toEqual(expected);
    // The trigger left nothing for the set-based backfill to add.
    const [backfilled] = await prisma.$queryRaw<{ added: bigint }[]>`SELECT tc_backfill_exposure_rollup() AS added`;
    expect(backfilled?.added).toBe(0n);

    // What the metrics page reads: the same numbers, named.
    const rows = await exposure(prisma, new Date(), 7);
    expect(rows.map((r) => ({ name: r.name, day: r.day.toISOString().slice(0, 10), cases: r.cases }))).toEqual([
      { name: 'Roll One', day: day(0), cases: 3 },
      { name: 'Roll Two', day: day(0), cases: 2 },
      { name: 'Roll One', day: day(-1), cases: 1 },
      { name: 'Roll Two', day: day(-1), cases: 1 },
      { name: 'Roll Two', day: day(-2), cases: 1 },
    ]);
  });

  it('the backfill rolls up views that bypassed the trigger, once', async () => {
    const m = await createStaffPrincipal('moderator');
    const k = await reportAccount();
    const before = await rolledUpExposure();
    // As a bulk load would: the trigger off for this session (superuser), two views of one case.
    await superuserPrisma().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      for (let i = 0; i < 2; i++) {
        await tx.$executeRaw`
          INSERT INTO audit_entries (actor_type, actor_id, event, case_id, payload)
          VALUES ('staff', ${m.id}, 'case.viewed', ${k.caseId}::uuid, '{}'::jsonb)`;
      }
    });
    expect(await rolledUpExposure()).toEqual(before);
    const backfill = () => prisma.$queryRaw<{ added: bigint }[]>`SELECT tc_backfill_exposure_rollup() AS added`;
    expect((await backfill())[0]!.added).toBe(1n);
    expect((await backfill())[0]!.added).toBe(0n);
    expect(await rolledUpExposure()).toEqual(await directExposure());
  });
});

describe('hourly rollup (worker)', () => {
  /** Per-hour volume and throughput as the page computed them before the rollup. */
  const directPerHour = (now: Date, hours: number) =>
    prisma.$queryRaw<{ hour: Date; reports: bigint; cases: bigint }[]>`
      WITH h AS (
        SELECT generate_series(date_trunc('hour', ${now}::timestamptz) - make_interval(hours => ${hours - 1}),
                               date_trunc('hour', ${now}::timestamptz), interval '1 hour') AS hour
      ),
      r AS (SELECT date_trunc('hour', received_at) AS hour, count(*) AS n FROM reports
            WHERE received_at >= date_trunc('hour', ${now}::timestamptz) - make_interval(hours => ${hours - 1}) AND received_at <= ${now} GROUP BY 1),
      c AS (SELECT date_trunc('hour', created_at) AS hour, count(*) AS n FROM cases
            WHERE created_at >= date_trunc('hour', ${now}::timestamptz) - make_interval(hours => ${hours - 1}) AND created_at <= ${now} GROUP BY 1)
      SELECT h.hour, coalesce(r.n, 0) AS reports, coalesce(c.n, 0) AS cases
      FROM h LEFT JOIN r USING (hour) LEFT JOIN c USING (hour) ORDER BY h.hour`.then((rows) =>
      rows.map((r) => ({ hour: r.hour, reports: Number(r.reports), cases: Number(r.cases) })),
    );
  const directThroughput = (now: Date, days: number) =>
    prisma.$queryRaw<{ staffId: string; name: string; decisions: bigint; actions: bigint }[]>`
      SELECT s.id::text AS "staffId", s.name,
             count(*) FILTER (WHERE a.type IN ('suspend', 'dismiss', 'escalate', 'preservation_hold', 'reinstate')) AS decisions,
             count(*) AS actions
      FROM case_actions a JOIN staff s ON s.id = a.actor_id
      WHERE a.created_at >= ${new Date(now.getTime() - days * DAY_MS)} AND a.created_at <= ${now}
      GROUP BY s.id, s.name ORDER BY decisions DESC, s.name`.then((rows) =>
      rows.map((r) => ({ ...r, decisions: Number(r.decisions), actions: Number(r.actions) })),
    );

  it('gives the same per-hour volume and throughput as counting the base tables, rolled up or not', async () => {
    const [m1, m2] = [await createStaffPrincipal('moderator', 'Hour One'), await createStaffPrincipal('moderator', 'Hour Two')];
    const ks = [await reportAccount(), await reportAccount(), await reportAccount({ handle: 'hour_same' }), await reportAccount({ handle: 'hour_same' })];
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const act = (actorId: string | null, at: Date, type: 'claim' | 'dismiss' | 'suspend' | 'note' = 'claim') =>
      prisma.caseAction.create({ data: { caseId: ks[0]!.caseId, actorId, type, createdAt: at } });
    await act(m1.id, ago(60_000), 'dismiss');
    await act(m1.id, ago(HOUR_MS + 60_000), 'suspend');
    await act(m1.id, ago(25 * HOUR_MS), 'note');
    await act(m2.id, ago(3 * HOUR_MS), 'claim');
    await act(m2.id, ago(7 * DAY_MS - 60_000), 'dismiss'); // just inside the 7-day window, in its partial first hour
    await act(m2.id, ago(7 * DAY_MS + 60_000), 'dismiss'); // just outside it
    await act(null, ago(2 * HOUR_MS), 'claim'); // the system: no staff member's throughput

    const check = async (at: Date) => {
      expect(await perHour(prisma, at, 48)).toEqual(await directPerHour(at, 48));
      expect(await throughput(prisma, at, 7)).toEqual(await directThroughput(at, 7));
    };
    // Nothing rolled up yet: the page counts everything itself.
    await check(now);
    expect(await throughput(prisma, now, 7)).toEqual([
      { staffId: m1.id, name: 'Hour One', decisions: 2, actions: 3 },
      { staffId: m2.id, name: 'Hour Two', decisions: 1, actions: 2 },
    ]);

    // Three hours on, the worker has rolled up everything up to the hour that ended 5 minutes before.
    const later = new Date(now.getTime() + 3 * HOUR_MS);
    let rolled = 0;
    for (let n = await rollUpMetricHours(prisma, { now: later }); n > 0; n = await rollUpMetricHours(prisma, { now: later })) rolled += n;
    expect(rolled).toBeGreaterThanOrEqual(8 * 24 - 1); // the backfill horizon, less an unsettled hour
    expect(await rollUpMetricHours(prisma, { now: later })).toBe(0); // caught up: a second pass does nothing
    const run = await rolledUpRun(prisma, ago(48 * HOUR_MS), later);
    expect(run.hi.getTime()).toBeGreaterThan(now.getTime()); // the hours with data are read from the rollup
    await check(later);
    // Read at the earlier time, rows for hours not over by then are ignored.
    await check(now);
    // At a time the rollup covers only partly: its first whole hour onward, the rest counted live.
    await check(new Date(now.getTime() + 90 * 60_000));

    // Rolling the same hours up again (a second worker, a retry) changes nothing.
    await prisma.$executeRaw`DELETE FROM metrics_hours WHERE hour >= ${run.hi}::timestamptz - interval '3 hours'`;
    while ((await rollUpMetricHours(prisma, { now: later })) > 0) {
      /* re-roll */
    }
    await check(later);
  });
});
