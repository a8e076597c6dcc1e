import type { HarmCategory } from '@/lib/generated/prisma/enums';
import type { Random } from './random';
import { planRing, type DemoKnownContent } from './ring';
import { BURST_HANDLES, BURST_TEXTS, DISPLAY_NAMES, HANDLE_PARTS, REPORT_TEXTS } from './texts';

/**
 * The demo's 14 days, decided up front and without the database (pure, from a seeded PRNG and the
 * anchor time): who reported which account when, and what the staff did about each case. The
 * runner (timeline.ts) turns this into calls of the app's own verbs in time order.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type PlannedReport = {
  at: Date;
  handle: string;
  category: HarmCategory;
  dangerNow: boolean;
  description: string;
  contentUrls: string[];
  channel: 'web' | 'api';
  /** Distinct per reporter: becomes a documentation-range IP (web) or the platform's user ID (API). */
  reporter: number;
  country: string | null;
  displayName: string | null;
  mediaHashes: string[];
  /** API only: an IP capture event the platform recorded for the account. */
  ipAddress?: string;
  /** API only: the suspended account the platform says this one replaced. */
  replacesHandle?: string;
};

/**
 * What happens to a case: left open, claimed at the end (in review), escalated, a law-enforcement
 * hold requested (awaiting approval), a danger-now dismissal that waits for a supervisor,
 * dismissed, suspended (child-safety cases then go through referrals and a hold), preserved
 * (hold approved on a case that owes nothing else), suspended and later reinstated.
 */
export type Outcome = 'open' | 'claimed_now' | 'escalated' | 'hold_requested' | 'stand_down' | 'dismissed' | 'suspended' | 'preserved' | 'reinstated';

/** How far a suspended child-safety case's referrals get (time permitting): see timeline.ts. */
export type ReferralPlan = 'full' | 'export_only' | 'approve_only' | 'draft_only' | 'supersede_then_full' | 'supersede_then_export';

export type PlannedCase = {
  handle: string;
  reports: PlannedReport[];
  outcome: Outcome;
  /** Which demo moderator works it (0–3), or 4: the supervisor. */
  worker: Worker;
  /** When the worker claims and decides it (after its first report). */
  actAt: Date;
  referrals: ReferralPlan;
  holdDays?: number;
};

export type Worker = 0 | 1 | 2 | 3 | 4;

export type DemoPlan = { cases: PlannedCase[]; burstStart: Date; anchor: Date; knownContent: DemoKnownContent };

const CATEGORY_WEIGHTS: readonly (readonly [HarmCategory, number])[] = [
  ['grooming', 28],
  ['child_sexual_imagery', 24],
  ['sextortion', 12],
  ['obscene_material_to_child', 8],
  ['trafficking', 4],
  ['other_child_harm', 10],
  ['other_abuse', 14],
];
const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 45],
  ['GB', 18],
  ['CA', 8],
  ['AU', 7],
  ['IE', 5],
  ['DE', 5],
  ['IN', 4],
  ['PH', 4],
  ['BR', 4],
];

const HIGH: ReadonlySet<HarmCategory> = new Set(['child_sexual_imagery', 'grooming', 'trafficking', 'sextortion']);

export function planDemo(random: Random, anchor: Date): DemoPlan {
  let reporter = 0;
  const used = new Set<string>();
  const handle = () => {
    for (;;) {
      const h = `${random.pick(HANDLE_PARTS.first)}${random.pick(HANDLE_PARTS.joiner)}${random.pick(HANDLE_PARTS.second)}${random.chance(0.6) ? random.int(2, 99) : ''}`;
      if (!used.has(h)) return used.add(h), h;
    }
  };
  const report = (at: Date, h: string, category: HarmCategory, extra: Partial<PlannedReport> = {}): PlannedReport => {
    const channel = random.chance(0.3) ? 'api' : 'web';
    return {
      at,
      handle: h,
      category,
      dangerNow: false,
      description: random.pick(REPORT_TEXTS[category]),
      contentUrls: category === 'child_sexual_imagery' && random.chance(0.6) ? [`https://files.example/album/${random.int(10, 999)}`] : [],
      channel,
      reporter: reporter++,
      country: random.chance(0.85) ? random.weighted(COUNTRIES) : null,
      displayName: channel === 'api' ? random.pick(DISPLAY_NAMES) : null,
      mediaHashes: channel === 'api' && category === 'child_sexual_imagery' ? [`MD5:${random.hex(32)}`] : [],
      ...extra,
    };
  };
  const ago = (ms: number) => new Date(anchor.getTime() - ms);
  const cases: PlannedCase[] = [];

  // Background: about 18 new cases a day over 14 days, more of them recent (the queue of today).
  const background = [
    ...Array.from({ length: 240 }, () => random.int(6 * HOUR, 14 * DAY) ),
    ...Array.from({ length: 22 }, () => random.int(5 * MINUTE, 6 * HOUR)),
  ].sort((a, b) => b - a);
  for (const age of background) {
    const category = random.weighted(CATEGORY_WEIGHTS);
    const first = ago(age);
    const h = handle();
    const reports = [report(first, h, category)];
    const more = random.weighted([[0, 60], [1, 22], [2, 10], [4, 8]] as const);
    const delay = firstActionDelay(random, category);
    const actAt = new Date(first.getTime() + delay);
    for (let i = 0; i < more; i++) {
      const at = new Date(first.getTime() + random.int(10 * MINUTE, Math.max(11 * MINUTE, Math.min(delay, age) - MINUTE)));
      reports.push(report(at, h, category));
    }
    const old = age > 4 * DAY;
    const childSafety = category !== 'other_abuse' && category !== 'other_child_harm';
    const outcome: Outcome = actAt.getTime() > anchor.getTime() - 10 * MINUTE ? 'open' : random.chance(childSafety ? 0.13 : category === 'other_child_harm' ? 0.3 : 0) ? 'suspended' : 'dismissed';
    cases.push({ handle: h, reports, outcome, worker: random.weighted<Worker>([[0, 25], [1, 25], [2, 20], [3, 20], [4, 10]]), actAt, referrals: old || random.chance(0.5) ? 'full' : 'export_only' });
  }

  // The cases every state of the console needs, chosen among the background ones by age and category.
  const pick = (filter: (c: PlannedCase, age: number) => boolean, outcome: Outcome, count: number, tweak: Partial<PlannedCase> = {}) => {
    for (const c of cases) {
      if (count === 0) return;
      const age = anchor.getTime() - c.reports[0]!.at.getTime();
      if (c.outcome === 'dismissed' && filter(c, age)) Object.assign(c, { outcome, ...tweak }), count--;
    }
  };
  const cat = (c: PlannedCase) => c.reports[0]!.category;
  const reportable = (c: PlannedCase) => HIGH.has(cat(c)) || cat(c) === 'obscene_material_to_child';
  pick((c, age) => age > 8 * HOUR && age < 2 * DAY && cat(c) !== 'other_abuse', 'escalated', 3);
  pick((c, age) => age > 10 * HOUR && age < 2 * DAY && reportable(c), 'hold_requested', 2);
  pick((c, age) => age > 4 * DAY && age < 9 * DAY && cat(c) === 'other_child_harm', 'reinstated', 1);
  pick((c, age) => age > 5 * HOUR && age < DAY && reportable(c), 'suspended', 1, { referrals: 'draft_only' });
  pick((c, age) => age > 5 * HOUR && age < DAY && reportable(c), 'suspended', 1, { referrals: 'approve_only' });
  // A UK reporter on these two, so their referrals go to the UK NCA too (which needs no NCMEC schema).
  for (const c of cases) if (c.referrals === 'draft_only' || c.referrals === 'approve_only') c.reports[0]!.country = 'GB';
  pick((c, age) => age > 6 * DAY && age < 10 * DAY && cat(c) === 'other_child_harm', 'preserved', 1, { holdDays: 30 });
  pick((c, age) => age > 3 * DAY && cat(c) === 'other_child_harm', 'preserved', 1);

  // Danger now: one waiting at the top of the queue, one dismissal waiting for a supervisor, one suspended at once.
  const danger = (age: number, outcome: Outcome, category: HarmCategory, delay: number) => {
    const h = handle();
    const first = report(ago(age), h, category, { dangerNow: true, country: 'US' });
    cases.push({ handle: h, reports: [first, report(ago(age - 4 * MINUTE), h, category)], outcome, worker: 0, actAt: ago(age - delay), referrals: 'full' });
  };
  danger(25 * MINUTE, 'open', 'sextortion', 60 * MINUTE);
  danger(20 * HOUR, 'stand_down', 'grooming', 35 * MINUTE);
  danger(5 * DAY, 'suspended', 'sextortion', 18 * MINUTE);

  // SLA breaches: two cases nobody has picked up (a standard one for two days, a high one since this morning).
  for (const [age, category] of [[50 * HOUR, 'other_child_harm'], [7 * HOUR, 'grooming']] as const) {
    const h = handle();
    cases.push({ handle: h, reports: [report(ago(age), h, category)], outcome: 'open', worker: 1, actAt: anchor, referrals: 'full' });
  }
  // A few of today's cases are being worked right now.
  let claimed = 0;
  for (const c of cases) if (c.outcome === 'open' && !c.reports[0]!.dangerNow && anchor.getTime() - c.reports[0]!.at.getTime() < 3 * HOUR && claimed++ < 2) c.outcome = 'claimed_now';

  const burstStart = lastSaturdayAfternoon(anchor);
  cases.push(...planBurst(random, burstStart, report));
  const ring = planRing(random, anchor, handle, report, BURST_HANDLES[0]!);
  cases.push(...ring.cases);
  return { cases, burstStart, anchor, knownContent: ring.knownContent };
}

/** Minutes to hours by severity; now and then longer than the SLA (critical 1 h, high 4 h, standard 24 h). */
function firstActionDelay(random: Random, category: HarmCategory): number {
  if (HIGH.has(category)) return random.chance(0.1) ? random.int(4 * HOUR, 9 * HOUR) : random.int(20 * MINUTE, 3.5 * HOUR);
  return random.chance(0.1) ? random.int(24 * HOUR, 40 * HOUR) : random.int(1 * HOUR, 20 * HOUR);
}

/** 13:00 UTC on the latest Saturday at least seven days before the anchor. */
export function lastSaturdayAfternoon(anchor: Date): Date {
  const day = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate()) - 7 * DAY);
  while (day.getUTCDay() !== 6) day.setTime(day.getTime() - DAY);
  return new Date(day.getTime() + 13 * HOUR);
}

/**
 * The trending-hashtag weekend: about 380 public reports about five accounts within six hours,
 * peaking in the third hour. Moderators suspend each account within the hour; referrals are prepared
 * at once, superseded on Sunday (hundreds more reports arrived), and acknowledged on Monday.
 */
function planBurst(random: Random, start: Date, report: (at: Date, h: string, c: HarmCategory, extra?: Partial<PlannedReport>) => PlannedReport): PlannedCase[] {
  const shares = [0.34, 0.25, 0.18, 0.13, 0.1];
  const hourly = [20, 60, 120, 90, 55, 35]; // reports per hour
  const byHandle = new Map<string, PlannedReport[]>(BURST_HANDLES.map((h) => [h, []]));
  hourly.forEach((count, hour) => {
    for (let i = 0; i < count; i++) {
      let roll = random.int(0, 99) / 100;
      const index = shares.findIndex((s) => (roll -= s) < 0);
      const h = BURST_HANDLES[index < 0 ? 0 : index]!;
      const at = new Date(start.getTime() + hour * HOUR + random.int(0, HOUR - 1000));
      byHandle.get(h)!.push(report(at, h, 'child_sexual_imagery', { description: random.pick(BURST_TEXTS), contentUrls: [`https://clips.example/v/${random.hex(8)}`] }));
    }
  });
  return BURST_HANDLES.map((h, i) => {
    const reports = byHandle.get(h)!.sort((a, b) => a.at.getTime() - b.at.getTime());
    return {
      handle: h,
      reports,
      outcome: 'suspended' as const,
      worker: (i % 4) as Worker,
      actAt: new Date(reports[0]!.at.getTime() + random.int(25 * MINUTE, 55 * MINUTE)),
      referrals: i === 4 ? ('supersede_then_export' as const) : ('supersede_then_full' as const),
    };
  });
}
