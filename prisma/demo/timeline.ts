import { acceptReport } from '@/lib/reports/accept-report';
import { intakeSourceFor } from '@/lib/reports/intake-source';
import { ZReportInput } from '@/lib/reports/schema';
import { CLIENT_IP_HEADER } from '@/lib/security/client-source';
import { DAY, HOUR, MINUTE, type DemoPlan, type PlannedCase, type PlannedReport } from './plan';
import { isUsReportable } from '@/lib/response/obligation-rules';
import * as step from './steps';

/**
 * Turns the plan into timed events (a report arrives, a moderator claims and decides, a supervisor
 * approves, a referral is exported …) and runs them in time order on the seeding clock, so every
 * row and audit entry carries the time it would have had. Steps that would fall after the anchor
 * are left undone: recent cases stop part-way, as they would in real life.
 */
export type Event = { at: Date; order: number; run: () => Promise<void> };

export type TimelineContext = {
  staff: step.DemoStaff;
  apiClientId: string;
  ncmecReady: boolean;
  /** The account each handle's current case belongs to, filled as reports are filed. */
  caseOf: Map<string, string>;
};

let order = 0;
const event = (at: Date, run: () => Promise<void>): Event => ({ at, order: order++, run });

/** A documentation-range address per web reporter (RFC 3849), so each counts as a distinct reporter. */
const reporterIp = (n: number) => `2001:db8:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}::1`;

export async function fileReport(ctx: TimelineContext, r: PlannedReport): Promise<void> {
  const api = r.channel === 'api';
  const report = ZReportInput.parse({
    account: { handle: r.handle },
    category: r.category,
    dangerNow: r.dangerNow,
    description: r.description,
    contentUrls: r.contentUrls,
    reporter: { country: r.country ?? undefined, ...(api ? { platformUserId: `demo-user-${r.reporter}` } : {}) },
    mediaHashes: r.mediaHashes,
    ...(api
      ? {
          platformContext: {
            displayName: r.displayName ?? undefined,
            countryCode: r.country === 'GB' ? 'GB' : 'US',
            ...(r.ipAddress ? { ipCaptureEvents: [{ ipAddress: r.ipAddress, eventName: 'Upload', dateTime: r.at.toISOString() }] } : {}),
            ...(r.replacesHandle ? { replacesAccount: { handle: r.replacesHandle } } : {}),
          },
        }
      : {}),
  });
  const headers = new Headers({ [CLIENT_IP_HEADER]: reporterIp(r.reporter) });
  const source = intakeSourceFor(headers, report, { channel: r.channel, apiClientId: api ? ctx.apiClientId : null });
  const accepted = await acceptReport(report, source);
  if (accepted.caseId) ctx.caseOf.set(r.handle, accepted.caseId);
}

export function eventsOf(plan: DemoPlan, ctx: TimelineContext): Event[] {
  const events: Event[] = [];
  for (const c of plan.cases) {
    for (const r of c.reports) events.push(event(r.at, () => fileReport(ctx, r)));
    events.push(...caseEvents(c, plan, ctx));
  }
  const last = plan.anchor.getTime() - 5 * MINUTE;
  return events.filter((e) => e.at.getTime() <= last).sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
}

/** Cases claimed "right now": run last, at the anchor, so their 15-minute claims are live when the console opens. */
export function claimsNow(plan: DemoPlan, ctx: TimelineContext): (() => Promise<void>)[] {
  // The history-only moderators (prisma/seed.ts HISTORY_STAFF), so the demo sign-ins start empty-handed.
  const workers = ctx.staff.moderators.slice(2);
  return plan.cases.filter((c) => c.outcome === 'claimed_now').map((c, i) => () => step.claimAndOpen(ctx.caseOf.get(c.handle)!, workers[i % workers.length]!));
}

function caseEvents(c: PlannedCase, plan: DemoPlan, ctx: TimelineContext): Event[] {
  const { staff } = ctx;
  const { worker, moderator } = step.workerOf(staff, c.worker);
  const id = () => ctx.caseOf.get(c.handle)!;
  const at = (offset: number) => new Date(c.actAt.getTime() + offset);
  const decide = (decision: (caseId: string) => Promise<void>) =>
    event(c.actAt, async () => {
      await step.claimAndOpen(id(), worker);
      await decision(id());
    });
  switch (c.outcome) {
    case 'open':
    case 'claimed_now':
      return [];
    case 'dismissed':
      return [decide((caseId) => step.dismiss(caseId, worker, c.reports.length > 2 ? 'insufficient_information' : 'no_violation'))];
    case 'stand_down':
      return [decide((caseId) => step.dismiss(caseId, worker, 'malicious_report'))];
    case 'escalated':
      return [decide((caseId) => step.escalate(caseId, worker))];
    case 'hold_requested':
      return [
        event(c.actAt, async () => {
          await step.claimAndOpen(id(), moderator);
          await step.requestHold(id(), moderator, 'law_enforcement_request');
        }),
      ];
    case 'preserved':
      return [
        event(c.actAt, async () => {
          await step.claimAndOpen(id(), moderator);
          await step.requestHold(id(), moderator, c.holdDays ? 'law_enforcement_request' : 'covert_investigation', c.holdDays);
        }),
        event(at(90 * MINUTE), () => step.approvePendingHolds(id(), staff)),
      ];
    case 'reinstated':
      return [decide((caseId) => step.suspend(caseId, worker)), event(at(DAY + 3 * HOUR), () => step.reinstate(id(), staff.supervisor))];
    case 'suspended':
      if (!isUsReportable([c.reports[0]!.category])) return [decide((caseId) => step.suspend(caseId, worker))];
      // The burst's moderators suspend first and preserve and refer after; elsewhere it is one decision.
      if (c.referrals.startsWith('supersede')) {
        return [decide((caseId) => step.suspend(caseId, worker)), event(at(10 * MINUTE), () => step.preserveIfOwed(id(), moderator)), ...referralEvents(c, plan, ctx, id)];
      }
      return [decide((caseId) => step.respond(caseId, worker)), ...referralEvents(c, plan, ctx, id)];
  }
}

/** What follows a suspension of a case that owes referrals and preservation; each step checks what is still owed. */
function referralEvents(c: PlannedCase, plan: DemoPlan, ctx: TimelineContext, id: () => string): Event[] {
  const { staff, ncmecReady } = ctx;
  const { moderator } = step.workerOf(staff, c.worker);
  const serial = order;
  const at = (offset: number) => new Date(c.actAt.getTime() + offset);
  const prepare = (when: Date) => event(when, () => step.prepareOffered(id(), moderator, ncmecReady));
  const approve = (when: Date) => event(when, () => step.approveReferrals(id(), staff));
  const exportAt = (when: Date) => event(when, () => step.exportReferrals(id(), moderator));
  const finish = (when: Date) => [
    event(when, () => step.acknowledgeReferrals(id(), moderator, serial)),
    event(new Date(when.getTime() + 10 * MINUTE), () => step.preserveIfOwed(id(), moderator)),
  ];
  switch (c.referrals) {
    case 'draft_only':
      return [prepare(at(20 * MINUTE))];
    case 'approve_only':
      return [prepare(at(20 * MINUTE)), approve(at(2 * HOUR))];
    case 'export_only':
      return [prepare(at(20 * MINUTE)), approve(at(2 * HOUR)), exportAt(at(3 * HOUR))];
    case 'full':
      return [prepare(at(20 * MINUTE)), approve(at(2 * HOUR)), exportAt(at(3 * HOUR)), ...finish(at(26 * HOUR))];
    case 'supersede_then_export':
    case 'supersede_then_full': {
      // Saturday: prepared and approved at once; Sunday: hundreds more reports, so a new version
      // supersedes it; Monday: exported and acknowledged.
      const sunday = plan.burstStart.getTime() + 22 * HOUR;
      const monday = plan.burstStart.getTime() + 44 * HOUR;
      const steps = [prepare(at(20 * MINUTE)), approve(at(HOUR)), prepare(new Date(sunday)), approve(new Date(sunday + HOUR)), exportAt(new Date(monday))];
      return c.referrals === 'supersede_then_export' ? steps : [...steps, ...finish(new Date(monday + 6 * HOUR))];
    }
  }
}
