import { describe, expect, it } from 'vitest';
import { DAY, HOUR, lastSaturdayAfternoon, planDemo } from '@/prisma/demo/plan';
import { seededRandom } from '@/prisma/demo/random';
import { installSeedingClock } from '@/prisma/demo/seeding-clock';

const anchor = new Date('2026-12-01T10:17:00Z');

describe('the demo plan', () => {
  it('is the same for the same seed, and covers 14 days ending at the anchor', () => {
    const a = planDemo(seededRandom(7), anchor);
    expect(planDemo(seededRandom(7), anchor)).toEqual(a);
    const times = a.cases.flatMap((c) => c.reports.map((r) => r.at.getTime()));
    expect(Math.max(...times)).toBeLessThanOrEqual(anchor.getTime());
    expect(Math.min(...times)).toBeGreaterThan(anchor.getTime() - 14 * DAY);
    expect(a.cases.length).toBeGreaterThan(200);
    for (const c of a.cases) expect(c.actAt.getTime()).toBeGreaterThanOrEqual(c.reports[0]!.at.getTime());
  });

  it('plans every outcome, and the burst on a Saturday afternoon a week or more ago', () => {
    const plan = planDemo(seededRandom(20_261_201), anchor);
    const outcomes = new Set(plan.cases.map((c) => c.outcome));
    for (const o of ['open', 'claimed_now', 'escalated', 'hold_requested', 'stand_down', 'dismissed', 'suspended', 'preserved', 'reinstated']) expect(outcomes).toContain(o);
    expect(plan.burstStart.getUTCDay()).toBe(6);
    const ago = anchor.getTime() - plan.burstStart.getTime();
    expect(ago).toBeGreaterThan(6 * DAY);
    expect(ago).toBeLessThan(14 * DAY);
    const inBurst = plan.cases.flatMap((c) => c.reports).filter((r) => r.at >= plan.burstStart && r.at.getTime() < plan.burstStart.getTime() + 6 * HOUR);
    expect(inBurst.length).toBeGreaterThan(300);
    expect(lastSaturdayAfternoon(new Date('2026-11-28T23:00:00Z')).toISOString()).toBe('2026-11-21T13:00:00.000Z');
  });
});

describe('the seeding clock', () => {
  it('sets what new Date() and Date.now() read until uninstalled, and keeps instanceof working', () => {
    const before = new Date();
    const clock = installSeedingClock(new Date('2026-11-17T09:00:00Z'));
    try {
      expect(new Date().toISOString()).toBe('2026-11-17T09:00:00.000Z');
      clock.set(new Date('2026-11-20T12:30:00Z'));
      expect(Date.now()).toBe(Date.parse('2026-11-20T12:30:00Z'));
      expect(before instanceof Date).toBe(true);
    } finally {
      clock.uninstall();
    }
    expect(Math.abs(Date.now() - before.getTime())).toBeLessThan(60_000);
  });
});
