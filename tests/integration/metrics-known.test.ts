import { describe, expect, it } from 'vitest';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { getMetrics } from '@/lib/metrics/get-metrics';
import { createStaffPrincipal, reportAccount } from '../factories/cases';

const prisma = getPrisma();
const now = new Date();
const H = 3_600_000;
const ago = (hours: number) => new Date(now.getTime() - hours * H);

async function seed() {
  const [supervisor, m1, m2] = [
    await createStaffPrincipal('supervisor'),
    await createStaffPrincipal('moderator', 'Mod One'),
    await createStaffPrincipal('moderator', 'Mod Two'),
  ];
  const [a, b, c, d, e] = [
    await reportAccount({ handle: 'm_a' }),
    await reportAccount({ handle: 'm_b' }),
    await reportAccount({ handle: 'm_c' }),
    await reportAccount({ handle: 'm_d' }),
    await reportAccount({ handle: 'm_e' }),
  ];
  await reportAccount({ handle: 'm_a' });
  await reportAccount({ handle: 'm_a' });
  const set = (id: string, data: Parameters<typeof prisma.case.update>[0]['data']) => prisma.case.update({ where: { id }, data });
  // Open: A critical and past its SLA with no action; B high and within it.
  await set(a.caseId, { severity: 'critical', firstReportedAt: ago(3), slaDueAt: ago(1) });
  await set(b.caseId, { severity: 'high', firstReportedAt: ago(1), slaDueAt: new Date(now.getTime() + H) });
  // Closed: first action after 1 h, 2 h, 3 h; closure after 2 h, 4 h, 6 h. C missed its SLA.
  const closed = { status: 'closed', resolution: 'dismissed' } as const;
  await set(c.caseId, { ...closed, firstReportedAt: ago(10), firstActionAt: ago(9), closedAt: ago(8), slaDueAt: ago(9.5) });
  await set(d.caseId, { ...closed, firstReportedAt: ago(20), firstActionAt: ago(18), closedAt: ago(16), slaDueAt: ago(17) });
  await set(e.caseId, { ...closed, firstReportedAt: ago(30), firstActionAt: ago(27), closedAt: ago(24), slaDueAt: ago(26) });

  // Throughput: Mod One 3 dismissals + 2 claims, Mod Two 1 suspension; one old action outside the week.
  const action = (actorId: string, caseId: string, type: 'dismiss' | 'claim' | 'suspend', at = ago(2)) =>
    prisma.caseAction.create({ data: { caseId, actorId, type, createdAt: at } });
  for (const k of [c, d, e]) await action(m1.id, k.caseId, 'dismiss');
  await action(m1.id, a.caseId, 'claim');
  await action(m1.id, b.caseId, 'claim');
  await action(m2.id, c.caseId, 'suspend');
  await action(m2.id, d.caseId, 'suspend', ago(24 * 9));

  // Exposure today: Mod One opened 4 distinct cases (one twice), Mod Two 1.
  const view = (actorId: string, caseId: string) =>
    prisma.$transaction((tx) =>
      writeAudit(tx, { event: 'case.viewed', caseId, payload: { status: 'open', version: 1, contactsShown: false } }, { actor: { type: 'staff', id: actorId } }),
    );
  for (const k of [a, b, c, d, a]) await view(m1.id, k.caseId);
  await view(m2.id, e.caseId);
  return { supervisor, m1, m2 };
}

describe('metrics on a seeded data set with known answers', () => {
  it('computes backlog, SLA breaches, percentiles, hourly volume, throughput and exposure', async () => {
    const { supervisor, m1, m2 } = await seed();
    // Seeding takes a moment: measure at the end of it (the seeded times are hours apart).
    const at = new Date();
    const metrics = await getMetrics({ actor: supervisor, exposureCap: 3, now: at });

    expect(metrics.backlog).toEqual([
      { severity: 'critical', open: 1, unassigned: 1, breached: 1, oldestAt: ago(3) },
      { severity: 'high', open: 1, unassigned: 1, breached: 0, oldestAt: ago(1) },
      { severity: 'standard', open: 0, unassigned: 0, breached: 0, oldestAt: null },
    ]);
    expect(metrics.breachedNow).toBe(1);
    expect(metrics.breachesByDay).toHaveLength(14);
    expect(metrics.breachesByDay.reduce((s, d) => s + d.due, 0)).toBe(4);
    expect(metrics.breachesByDay.reduce((s, d) => s + d.breached, 0)).toBe(2);

    // percentile_cont over [3600, 7200, 10800]: median 7200, p90 = 7200 + 0.8 × 3600.
    expect(metrics.firstAction).toEqual({ count: 3, medianSeconds: 7200, p90Seconds: 10080 });
    expect(metrics.closure).toEqual({ count: 3, medianSeconds: 14400, p90Seconds: 20160 });

    expect(metrics.perHour).toHaveLength(14 * 24);
    expect(metrics.perHour.reduce((s, h) => s + h.reports, 0)).toBe(7);
    expect(metrics.perHour.reduce((s, h) => s + h.cases, 0)).toBe(5);

    expect(metrics.throughput).toEqual([
      { staffId: m1.id, name: 'Mod One', decisions: 3, actions: 5, casesToday: 4, overCap: true },
      { staffId: m2.id, name: 'Mod Two', decisions: 1, actions: 1, casesToday: 1, overCap: false },
    ]);
    expect(metrics.overCap).toEqual([{ staffId: m1.id, name: 'Mod One', day: new Date(`${at.toISOString().slice(0, 10)}T00:00:00Z`), cases: 4 }]);
    const relaxed = await getMetrics({ actor: supervisor, exposureCap: 80 });
    expect(relaxed.overCap).toEqual([]);

    await expect(getMetrics({ actor: m1, exposureCap: 80 })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
