// Demo data for a first look: the demo staff and a realistic 14-day history (prisma/demo/).
//
// How the history gets its timestamps, honestly. Every row is written by the app's own code: reports
// through the real intake (acceptReport → tc_accept_report), decisions through the case verbs
// (takeCase, respondToCase, suspendAccount, recordPreservation, dismissCase, requestPreservationHold,
// decideApproval …) and referrals
// through prepareReferral, decideReferral, exportReferral and recordHotlineReport. Those verbs take
// the time from `new Date()` (the intake, the claim and the audit MAC all carry the application's
// time; Prisma computes `@default(now())` in the client too), and append-only triggers forbid
// backdating anything afterwards. So the seed runs each step of the history at its own moment on a
// seeding clock (prisma/demo/seeding-clock.ts: @sinonjs/fake-timers faking Date only, in this
// process, for the seed's duration): each audit entry is MACed over the time it records, the
// report, the action and the entry agree, and the chain is sealed in the order things happened.
// No production code path changed; the database's own clock is never read on these paths.
// `npm run audit:verify` and the console's "Verify log" pass on the result (tests/integration/demo-seed.test.ts).
//
// The history (prisma/demo/plan.ts) comes from a seeded PRNG relative to the start time, so every
// fresh start shows the same story; IDs, references and MAC nonces are random as in production.
// Steps that would fall after "now" stay undone, so recent cases stop part-way. NCMEC referrals
// need NCMEC's schema (not shipped): without it they are skipped and those cases stay responding.
import { randomBytes } from 'node:crypto';
import { sealAuditLog } from '@/lib/audit/seal';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { rollUpMetricHours } from '@/lib/metrics/rollup-hours';
import { createApiKey } from '@/lib/platform/create-api-key';
import { ncmecSchemaProblem } from '@/lib/referrals/ncmec-schema-status';
import { hashPassword } from '@/lib/staff/password';
import { importDemoHashList } from './demo/known-content-list';
import { DAY, planDemo } from './demo/plan';
import { seededRandom } from './demo/random';
import { installSeedingClock } from './demo/seeding-clock';
import { claimsNow, eventsOf, fileReport, type TimelineContext } from './demo/timeline';

export const DEMO_STAFF = [
  { email: 'moderator@demo.triage', name: 'Morgan Moderator', role: 'moderator', password: 'demo-moderator-pass' },
  { email: 'moderator2@demo.triage', name: 'Sam Second', role: 'moderator', password: 'demo-moderator-pass' },
  { email: 'supervisor@demo.triage', name: 'Sasha Supervisor', role: 'supervisor', password: 'demo-supervisor-pass' },
  { email: 'admin@demo.triage', name: 'Alex Admin', role: 'admin', password: 'demo-admin-pass' },
] as const;

/**
 * Two more moderators who appear in the history (claims, decisions, throughput) but cannot sign in:
 * their passwords are random and never shown. They hold today's live claims, so the demo sign-ins
 * above start with nothing claimed.
 */
export const HISTORY_STAFF = [
  { email: 'riley@demo.triage', name: 'Riley Reviewer', role: 'moderator' },
  { email: 'jordan@demo.triage', name: 'Jordan Nightshift', role: 'moderator' },
] as const;

const DEMO_SEED = 20_261_201;

export type SeedResult = { skipped: boolean; staff: number; reports: number; cases: number; stepsFailed: number; firstFailure: string | null };

/**
 * Demo staff (with the published passwords above) and the staff side of the history exist only in
 * demo mode; `npm start -- --seed` against a real database gets the reports alone and no known
 * passwords. Refused (skipped) on a database that already has staff or reports.
 */
export async function seedDemoData(prisma: PrismaClient, options: { withDemoStaff: boolean; now?: Date }): Promise<SeedResult> {
  if (await hasBeenSeeded(prisma)) return { skipped: true, staff: 0, reports: 0, cases: 0, stepsFailed: 0, firstFailure: null };
  const anchor = new Date(Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60_000);
  const plan = planDemo(seededRandom(DEMO_SEED), anchor);
  const everyone = options.withDemoStaff ? [...DEMO_STAFF, ...HISTORY_STAFF.map((s) => ({ ...s, password: randomBytes(24).toString('base64url') }))] : [];
  const passwords = await Promise.all(everyone.map((s) => hashPassword(s.password)));
  const ncmecReady = ncmecSchemaProblem(getConfig()) === null;
  const failures: string[] = [];

  const clock = installSeedingClock(new Date(anchor.getTime() - 15 * DAY));
  try {
    const people: StaffPrincipal[] = [];
    for (const [i, person] of everyone.entries()) {
      const row = await prisma.staff.create({ data: { email: person.email, name: person.name, role: person.role, passwordHash: passwords[i]! } });
      people.push({ id: row.id, email: row.email, name: row.name, role: row.role, sessionId: 'demo-seed' });
    }
    const [m1, m2, supervisor, admin, m3, m4] = people;
    const apiClientId = admin ? (await createApiKey({ name: 'Example Social (demo platform)', scopes: ['reports:write', 'decisions:read'], actor: admin })).id : null;
    const ctx: TimelineContext = { staff: { moderators: [m1!, m2!, m3!, m4!], supervisor: supervisor!, admin: admin! }, apiClientId: apiClientId ?? '', ncmecReady, caseOf: new Map() };

    const run = async (what: () => Promise<void>) => {
      try {
        await what();
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    };
    if (admin) {
      // The hotline list was imported before the history begins; the worker matches reports against it.
      await run(() => importDemoHashList(admin, plan.knownContent, DEMO_SEED + 1));
      for (const e of eventsOf(plan, ctx)) {
        clock.set(e.at);
        await run(e.run);
      }
      clock.set(anchor);
      for (const claim of claimsNow(plan, ctx)) await run(claim);
    } else {
      // Reports only (no demo staff to act on them), filed as from the public form.
      const reports = plan.cases.flatMap((c) => c.reports).filter((r) => r.at <= anchor).sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const r of reports) {
        clock.set(r.at);
        await run(() => fileReport(ctx, { ...r, channel: 'web', mediaHashes: [] }));
      }
    }
  } finally {
    clock.uninstall();
  }
  // What the worker would do next anyway, done now so the first page load finds it: the audit
  // chain sealed (in the order things happened) and the hourly metrics rolled up.
  await sealAuditLog(prisma, { fullScan: true });
  while ((await rollUpMetricHours(prisma)) > 0);
  const [reports, cases] = await Promise.all([prisma.report.count(), prisma.case.count()]);
  return { skipped: false, staff: everyone.length, reports, cases, stepsFailed: failures.length, firstFailure: failures[0] ?? null };
}

/** Demo data goes only into an empty database (no staff, no reports): seeded once, never over real data. */
export async function hasBeenSeeded(prisma: PrismaClient): Promise<boolean> {
  const [staff, reports] = await Promise.all([prisma.staff.count(), prisma.report.count()]);
  return staff > 0 || reports > 0;
}
