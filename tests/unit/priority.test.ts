import { describe, expect, it } from 'vitest';
import type { HarmCategory } from '@/lib/reports/categories';
import {
  agePart,
  reportersPart,
  scoreCase,
  severityOf,
  slaDueFor,
  velocityPart,
  type PriorityInput,
  type SlaTargets,
} from '@/lib/queue/priority';

const MIN = 60_000;
const HOUR = 60 * MIN;
const targets: SlaTargets = { critical: 60, high: 240, standard: 1440 };
const t0 = new Date('2025-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

/** A case whose single report arrived at t0 and is scored at `now`, with its SLA set as the app would. */
function input(overrides: Partial<PriorityInput> = {}): PriorityInput {
  const categories = overrides.categories ?? ['other_abuse'];
  const dangerNow = overrides.dangerNow ?? false;
  return {
    categories,
    dangerNow,
    distinctReporters: 1,
    reportsLastHour: 1,
    lastReportedAt: t0,
    slaDueAt: slaDueFor(severityOf(categories, dangerNow), t0, targets),
    now: t0,
    ...overrides,
  };
}

describe('severityOf', () => {
  it('is critical whenever a child is in danger now, whatever the category', () => {
    expect(severityOf(['other_abuse'], true)).toBe('critical');
    expect(severityOf(['child_sexual_imagery'], true)).toBe('critical');
    expect(severityOf([], true)).toBe('critical');
  });

  it('is high when any category is high', () => {
    for (const c of ['child_sexual_imagery', 'grooming', 'trafficking', 'sextortion'] as const) {
      expect(severityOf([c], false), c).toBe('high');
    }
    expect(severityOf(['other_abuse', 'grooming'], false)).toBe('high');
  });

  it('is standard otherwise', () => {
    for (const c of ['obscene_material_to_child', 'other_child_harm', 'other_abuse'] as const) {
      expect(severityOf([c], false), c).toBe('standard');
    }
    expect(severityOf([], false)).toBe('standard');
  });
});

describe('slaDueFor', () => {
  it('adds the severity target in minutes to the received time', () => {
    expect(slaDueFor('critical', t0, targets)).toEqual(at(60 * MIN));
    expect(slaDueFor('high', t0, targets)).toEqual(at(240 * MIN));
    expect(slaDueFor('standard', t0, targets)).toEqual(at(1440 * MIN));
  });

  it('uses the configured targets', () => {
    expect(slaDueFor('critical', t0, { critical: 15, high: 1, standard: 1 })).toEqual(at(15 * MIN));
  });

  it('does not mutate the received date', () => {
    const received = new Date(t0);
    slaDueFor('high', received, targets);
    expect(received).toEqual(t0);
  });
});

describe('reportersPart', () => {
  it('follows 10·log2(1 + n) at the documented points', () => {
    expect(reportersPart(0)).toBe(0);
    expect(reportersPart(1)).toBe(10);
    expect(reportersPart(3)).toBe(20);
    expect(reportersPart(7)).toBe(30);
    expect(reportersPart(15)).toBe(40);
  });

  it('rounds between the points and grows with each reporter', () => {
    expect(reportersPart(2)).toBe(16);
    expect(reportersPart(5)).toBe(26);
    for (let n = 1; n < 15; n++) expect(reportersPart(n + 1)).toBeGreaterThan(reportersPart(n));
  });

  it('is capped at 40', () => {
    expect(reportersPart(16)).toBe(40);
    expect(reportersPart(1000)).toBe(40);
  });

  it('treats a negative count as zero', () => {
    expect(reportersPart(-3)).toBe(0);
  });
});

describe('velocityPart', () => {
  it('is 0 for zero or one report in the last hour', () => {
    expect(velocityPart(0)).toBe(0);
    expect(velocityPart(1)).toBe(0);
  });

  it('follows 5·log2(n) at the documented points', () => {
    expect(velocityPart(2)).toBe(5);
    expect(velocityPart(4)).toBe(10);
    expect(velocityPart(8)).toBe(15);
    expect(velocityPart(16)).toBe(20);
  });

  it('rounds between the points', () => {
    expect(velocityPart(3)).toBe(8);
  });

  it('is capped at 20', () => {
    expect(velocityPart(17)).toBe(20);
    expect(velocityPart(10_000)).toBe(20);
  });
});

describe('agePart', () => {
  const sla = 60;
  const due = at(sla * MIN);

  it('is 0 while more than half the SLA remains, stepping at halfway', () => {
    expect(agePart(due, sla, t0)).toEqual({ points: 0, nextStepAt: at(30 * MIN) });
    expect(agePart(due, sla, at(30 * MIN - 1))).toEqual({ points: 0, nextStepAt: at(30 * MIN) });
  });

  it('is 10 from halfway until due, stepping at due', () => {
    expect(agePart(due, sla, at(30 * MIN))).toEqual({ points: 10, nextStepAt: due });
    expect(agePart(due, sla, at(60 * MIN - 1))).toEqual({ points: 10, nextStepAt: due });
  });

  it('is 25 once breached, stepping one SLA period later', () => {
    expect(agePart(due, sla, due)).toEqual({ points: 25, nextStepAt: at(120 * MIN) });
    expect(agePart(due, sla, at(120 * MIN - 1))).toEqual({ points: 25, nextStepAt: at(120 * MIN) });
  });

  it('adds 5 for each further SLA period overdue', () => {
    expect(agePart(due, sla, at(120 * MIN))).toEqual({ points: 30, nextStepAt: at(180 * MIN) });
    expect(agePart(due, sla, at(180 * MIN))).toEqual({ points: 35, nextStepAt: at(240 * MIN) });
    expect(agePart(due, sla, at(240 * MIN - 1))).toEqual({ points: 35, nextStepAt: at(240 * MIN) });
  });

  it('caps at 40 and then has no next step', () => {
    expect(agePart(due, sla, at(240 * MIN))).toEqual({ points: 40, nextStepAt: null });
    expect(agePart(due, sla, at(10_000 * MIN))).toEqual({ points: 40, nextStepAt: null });
  });

  it('scales with the SLA length', () => {
    const dueStd = at(1440 * MIN);
    expect(agePart(dueStd, 1440, at(719 * MIN)).points).toBe(0);
    expect(agePart(dueStd, 1440, at(720 * MIN)).points).toBe(10);
    expect(agePart(dueStd, 1440, at(1440 * MIN))).toEqual({ points: 25, nextStepAt: at(2880 * MIN) });
  });

  it('always steps forward in time, and each step is where the points change', () => {
    let now = t0;
    const seen: number[] = [];
    for (;;) {
      const { points, nextStepAt } = agePart(due, sla, now);
      seen.push(points);
      if (!nextStepAt) break;
      expect(nextStepAt.getTime()).toBeGreaterThan(now.getTime());
      expect(agePart(due, sla, new Date(nextStepAt.getTime() - 1)).points).toBe(points);
      now = nextStepAt;
    }
    expect(seen).toEqual([0, 10, 25, 30, 35, 40]);
  });
});

describe('scoreCase', () => {
  it('scores a fresh single report of other abuse', () => {
    expect(scoreCase(input(), targets)).toEqual({
      score: 20,
      severity: 'standard',
      primaryCategory: 'other_abuse',
      parts: { harm: 10, danger: 0, reporters: 10, velocity: 0, age: 0, knownContent: 0, banEvasion: 0 },
      rescoreAt: at(720 * MIN),
    });
  });

  it('has parts that always sum to the score', () => {
    const cases: PriorityInput[] = [
      input(),
      input({ categories: ['grooming', 'other_abuse'], distinctReporters: 5, reportsLastHour: 6, now: at(3 * HOUR) }),
      input({ dangerNow: true, categories: ['sextortion'], distinctReporters: 40, reportsLastHour: 40, now: at(9 * HOUR) }),
      input({ categories: ['other_child_harm'], distinctReporters: 0, reportsLastHour: 0, now: at(100 * HOUR) }),
    ];
    for (const c of cases) {
      const { score, parts } = scoreCase(c, targets);
      expect(score).toBe(parts.harm + parts.danger + parts.reporters + parts.velocity + parts.age + parts.knownContent + parts.banEvasion);
    }
  });

  it('makes danger-now critical and adds 250', () => {
    const without = scoreCase(input({ categories: ['grooming'] }), targets);
    const withDanger = scoreCase(input({ categories: ['grooming'], dangerNow: true }), targets);
    expect(withDanger.severity).toBe('critical');
    expect(withDanger.parts.danger).toBe(250);
    expect(without.parts.danger).toBe(0);
    expect(withDanger.score - without.score).toBe(250);
  });

  it('adds 40 for known content and 30 for a link to a suspended account, each explained as its own part', () => {
    const plain = scoreCase(input({ categories: ['grooming'] }), targets);
    const known = scoreCase(input({ categories: ['grooming'], knownContent: true }), targets);
    const evading = scoreCase(input({ categories: ['grooming'], linkedToSuspended: true }), targets);
    expect(known.parts.knownContent).toBe(40);
    expect(known.score - plain.score).toBe(40);
    expect(evading.parts.banEvasion).toBe(30);
    expect(evading.score - plain.score).toBe(30);
    expect(plain.parts.knownContent + plain.parts.banEvasion).toBe(0);
  });

  it('keeps the least danger-now case above the most of everything else together', () => {
    const longAgo = new Date(t0.getTime() - 400 * 24 * HOUR);
    const everythingElse = scoreCase(
      input({
        categories: ['child_sexual_imagery'],
        distinctReporters: 1000,
        reportsLastHour: 1000,
        slaDueAt: longAgo,
        knownContent: true,
        linkedToSuspended: true,
      }),
      targets,
    );
    const leastDanger = scoreCase(input({ categories: ['other_abuse'], dangerNow: true, distinctReporters: 0 }), targets);
    expect(everythingElse.score).toBe(230);
    expect(leastDanger.score).toBeGreaterThan(everythingElse.score);
  });

  it('uses the harm weight of each category', () => {
    const weights: Record<HarmCategory, number> = {
      child_sexual_imagery: 60,
      trafficking: 60,
      sextortion: 55,
      grooming: 50,
      obscene_material_to_child: 40,
      other_child_harm: 30,
      other_abuse: 10,
    };
    for (const [c, w] of Object.entries(weights) as [HarmCategory, number][]) {
      expect(scoreCase(input({ categories: [c] }), targets).parts.harm, c).toBe(w);
    }
  });

  it('takes the most harmful category as primary, whatever the order', () => {
    for (const categories of [
      ['other_abuse', 'grooming', 'other_child_harm'],
      ['grooming', 'other_abuse'],
      ['other_child_harm', 'other_abuse', 'grooming'],
    ] as HarmCategory[][]) {
      const p = scoreCase(input({ categories }), targets);
      expect(p.primaryCategory, categories.join()).toBe('grooming');
      expect(p.parts.harm).toBe(50);
      expect(p.severity).toBe('high');
    }
  });

  it('breaks a harm-weight tie the same way whatever order the reports came in', () => {
    // categories.ts: "ties keep the earlier one in HARM_CATEGORIES" → child_sexual_imagery over trafficking.
    const a = scoreCase(input({ categories: ['child_sexual_imagery', 'trafficking'] }), targets);
    const b = scoreCase(input({ categories: ['trafficking', 'child_sexual_imagery'] }), targets);
    expect(a.primaryCategory).toBe('child_sexual_imagery');
    expect(b.primaryCategory).toBe('child_sexual_imagery');
  });

  it('counts distinct reporters, not reports', () => {
    const oneReporterManyReports = scoreCase(input({ distinctReporters: 1, reportsLastHour: 1 }), targets);
    const sevenReporters = scoreCase(input({ distinctReporters: 7 }), targets);
    expect(oneReporterManyReports.parts.reporters).toBe(10);
    expect(sevenReporters.parts.reporters).toBe(30);
    expect(sevenReporters.score - oneReporterManyReports.score).toBe(20);
  });

  it('adds velocity for a burst of reports', () => {
    const p = scoreCase(input({ reportsLastHour: 8 }), targets);
    expect(p.parts.velocity).toBe(15);
    expect(p.score).toBe(10 + 10 + 15);
  });

  it('uses the SLA of the case severity for age', () => {
    // A high case (SLA 240 min) scored 2h after its report: halfway reached.
    const high = scoreCase(input({ categories: ['grooming'], now: at(2 * HOUR) }), targets);
    expect(high.parts.age).toBe(10);
    expect(high.rescoreAt).toEqual(at(4 * HOUR));
    // A critical case (SLA 60 min) scored 2h after: breached by one full period.
    const critical = scoreCase(input({ dangerNow: true, now: at(2 * HOUR) }), targets);
    expect(critical.parts.age).toBe(30);
    expect(critical.rescoreAt).toEqual(at(3 * HOUR));
  });

  describe('rescoreAt', () => {
    it('is the next age step when there is no velocity', () => {
      expect(scoreCase(input({ categories: ['grooming'] }), targets).rescoreAt).toEqual(at(2 * HOUR));
    });

    it('is when velocity decays (an hour after the last report) when that comes first', () => {
      const p = scoreCase(
        input({ reportsLastHour: 4, lastReportedAt: at(10 * MIN), now: at(15 * MIN) }),
        targets,
      );
      expect(p.parts.velocity).toBe(10);
      expect(p.rescoreAt).toEqual(at(70 * MIN));
    });

    it('is the age step when that comes before velocity decays', () => {
      // Critical: halfway at 30 min; last report at 20 min decays at 80 min.
      const p = scoreCase(
        input({ dangerNow: true, reportsLastHour: 2, lastReportedAt: at(20 * MIN), now: at(25 * MIN) }),
        targets,
      );
      expect(p.parts.velocity).toBe(5);
      expect(p.rescoreAt).toEqual(at(30 * MIN));
    });

    it('is the velocity decay once age has reached its cap', () => {
      const p = scoreCase(
        input({ dangerNow: true, reportsLastHour: 3, lastReportedAt: at(5 * HOUR), now: at(5 * HOUR + MIN) }),
        targets,
      );
      expect(p.parts.age).toBe(40);
      expect(p.rescoreAt).toEqual(at(6 * HOUR));
    });

    it('is null when age is capped and there is no velocity', () => {
      const p = scoreCase(input({ dangerNow: true, now: at(5 * HOUR) }), targets);
      expect(p.parts.age).toBe(40);
      expect(p.parts.velocity).toBe(0);
      expect(p.rescoreAt).toBeNull();
    });
  });
});

describe('ordering a moderator would expect', () => {
  it('puts a single fresh danger-now report above any other case, even the worst child sexual imagery case', () => {
    const danger = scoreCase(input({ dangerNow: true, categories: ['other_abuse'] }), targets);
    const crowd = scoreCase(
      input({ categories: ['child_sexual_imagery'], distinctReporters: 15, reportsLastHour: 1000, now: at(1000 * HOUR) }),
      targets,
    );
    expect(crowd.parts).toMatchObject({ harm: 60, reporters: 40, velocity: 20, age: 40 });
    expect(danger.score).toBeGreaterThan(crowd.score);
  });

  it('puts child sexual imagery above other abuse at equal reporters and velocity', () => {
    for (const reporters of [1, 3, 7, 15, 50]) {
      for (const hours of [0, 6, 13, 30, 100]) {
        const common = { distinctReporters: reporters, reportsLastHour: 2, lastReportedAt: t0, now: at(hours * HOUR) };
        const csam = scoreCase(input({ categories: ['child_sexual_imagery'], ...common }), targets);
        const other = scoreCase(input({ categories: ['other_abuse'], ...common }), targets);
        expect(csam.score, `${reporters} reporters, ${hours}h`).toBeGreaterThan(other.score);
      }
    }
  });

  it('ranks more reporters higher, all else equal', () => {
    const few = scoreCase(input({ categories: ['grooming'], distinctReporters: 2 }), targets);
    const many = scoreCase(input({ categories: ['grooming'], distinctReporters: 9 }), targets);
    expect(many.score).toBeGreaterThan(few.score);
  });

  it('ranks an older case higher, all else equal', () => {
    const fresh = scoreCase(input({ categories: ['grooming'], now: at(MIN) }), targets);
    const breached = scoreCase(input({ categories: ['grooming'], now: at(5 * HOUR) }), targets);
    expect(breached.score).toBeGreaterThan(fresh.score);
  });
});
