import { describe, expect, it } from 'vitest';
import {
  CASE_EVENTS,
  CASE_STATUSES,
  allowedEvents,
  checkTransition,
  nextState,
  type CaseEvent,
} from '@/lib/cases/state-machine';
import type { CaseStatus } from '@/lib/generated/prisma/enums';

// The lifecycle written out again, independently of the table: every pair not listed is refused.
const RESPONDING_MEASURES = { suspend: 'responding', record_preservation: 'responding', respond: 'responding', prepare_referral: 'responding' } as const;
const EXPECTED: Record<CaseStatus, Partial<Record<CaseEvent, CaseStatus>>> = {
  open: { claim: 'in_review', ...RESPONDING_MEASURES, reassign: 'in_review', note: 'open' },
  in_review: {
    claim: 'in_review',
    release: 'open',
    lease_expired: 'open',
    ...RESPONDING_MEASURES,
    request_preservation_hold: 'awaiting_approval',
    dismiss: 'closed',
    request_stand_down: 'awaiting_approval',
    escalate: 'escalated',
    note: 'in_review',
    reassign: 'in_review',
  },
  escalated: {
    ...RESPONDING_MEASURES,
    request_preservation_hold: 'awaiting_approval',
    dismiss: 'closed',
    request_stand_down: 'awaiting_approval',
    note: 'escalated',
    reassign: 'in_review',
  },
  awaiting_approval: {
    approve_preservation_hold: 'responding',
    reject_preservation_hold: 'open',
    approve_stand_down: 'closed',
    reject_stand_down: 'open',
    note: 'awaiting_approval',
  },
  responding: {
    ...RESPONDING_MEASURES,
    request_preservation_hold: 'responding',
    approve_preservation_hold: 'responding',
    reject_preservation_hold: 'responding',
    request_stand_down: 'responding',
    approve_stand_down: 'responding',
    reject_stand_down: 'responding',
    waive_obligation: 'responding',
    note: 'responding',
    reinstate: 'responding',
  },
  closed: { note: 'closed', reinstate: 'closed' },
};

const pairs = CASE_STATUSES.flatMap((status) => CASE_EVENTS.map((event) => [status, event] as const));

describe('case state machine', () => {
  it('covers all 6 statuses and 19 events', () => {
    expect(CASE_STATUSES).toHaveLength(6);
    expect(CASE_EVENTS).toHaveLength(19);
    expect(pairs).toHaveLength(114);
  });

  it.each(pairs.filter(([s, e]) => EXPECTED[s][e]))('allows %s --%s-->', (status, event) => {
    expect(nextState(status, event)).toEqual({ ok: true, status: EXPECTED[status][event] });
  });

  it.each(pairs.filter(([s, e]) => !EXPECTED[s][e]))('refuses %s --%s-->', (status, event) => {
    const result = nextState(status, event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/cannot be changed/);
  });

  it('lets a moderator decide only the case they hold', () => {
    const holder = { role: 'moderator' as const, isHolder: true };
    const other = { role: 'moderator' as const, isHolder: false };
    for (const event of ['suspend', 'dismiss', 'escalate', 'request_preservation_hold', 'release'] as const) {
      expect(checkTransition('in_review', event, holder).ok).toBe(true);
      const refused = checkTransition('in_review', event, other);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.reason).toMatch(/holds this case/);
    }
    // Notes are open to every staff member.
    expect(checkTransition('in_review', 'note', other).ok).toBe(true);
  });

  it('lets a supervisor act on a case someone else holds', () => {
    const supervisor = { role: 'supervisor' as const, isHolder: false };
    for (const event of ['suspend', 'dismiss', 'escalate', 'release', 'reassign'] as const) {
      expect(checkTransition('in_review', event, supervisor).ok).toBe(true);
    }
    expect(checkTransition('in_review', 'suspend', { role: 'admin', isHolder: false }).ok).toBe(true);
  });

  it('keeps escalated cases, approvals, reassignment and reinstatement for supervisors', () => {
    const moderator = { role: 'moderator' as const, isHolder: true };
    const supervisor = { role: 'supervisor' as const, isHolder: false };
    const supervisorOnly: [CaseStatus, CaseEvent][] = [
      ['escalated', 'suspend'],
      ['escalated', 'dismiss'],
      ['escalated', 'request_preservation_hold'],
      ['escalated', 'reassign'],
      ['open', 'reassign'],
      ['open', 'suspend'],
      ['open', 'record_preservation'],
      ['open', 'respond'],
      ['open', 'prepare_referral'],
      ['in_review', 'reassign'],
      ['awaiting_approval', 'approve_preservation_hold'],
      ['awaiting_approval', 'reject_preservation_hold'],
      ['awaiting_approval', 'approve_stand_down'],
      ['awaiting_approval', 'reject_stand_down'],
      ['responding', 'waive_obligation'],
      ['responding', 'approve_stand_down'],
      ['responding', 'reinstate'],
      ['closed', 'reinstate'],
    ];
    for (const [status, event] of supervisorOnly) {
      const refused = checkTransition(status, event, moderator);
      expect(refused, `${status} ${event}`).toMatchObject({ ok: false, reason: 'This needs the supervisor role.' });
      expect(checkTransition(status, event, supervisor).ok, `${status} ${event}`).toBe(true);
    }
  });

  it('reserves lease expiry for the system, and the system for nothing else', () => {
    expect(checkTransition('in_review', 'lease_expired', { role: 'system', isHolder: false }).ok).toBe(true);
    expect(checkTransition('in_review', 'lease_expired', { role: 'admin', isHolder: true }).ok).toBe(false);
    expect(checkTransition('in_review', 'suspend', { role: 'system', isHolder: false }).ok).toBe(false);
  });

  it('reports a wrong status before a missing role', () => {
    const result = checkTransition('closed', 'suspend', { role: 'moderator', isHolder: false });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.reason).toMatch(/closed cannot be changed/);
  });

  it('lists the buttons each role sees', () => {
    expect(allowedEvents('in_review', { role: 'moderator', isHolder: true })).toEqual([
      'claim',
      'release',
      'suspend',
      'record_preservation',
      'respond',
      'prepare_referral',
      'request_preservation_hold',
      'dismiss',
      'request_stand_down',
      'escalate',
      'note',
    ]);
    // A responding case is team work: any moderator records measures, only supervisors waive.
    expect(allowedEvents('responding', { role: 'moderator', isHolder: false })).toEqual([
      'suspend',
      'record_preservation',
      'respond',
      'prepare_referral',
      'request_preservation_hold',
      'request_stand_down',
      'note',
    ]);
    expect(allowedEvents('in_review', { role: 'moderator', isHolder: false })).toEqual(['claim', 'note']);
    expect(allowedEvents('escalated', { role: 'moderator', isHolder: false })).toEqual(['note']);
    expect(allowedEvents('closed', { role: 'supervisor', isHolder: false })).toEqual(['note', 'reinstate']);
    expect(allowedEvents('awaiting_approval', { role: 'admin', isHolder: false })).toEqual([
      'approve_preservation_hold',
      'reject_preservation_hold',
      'approve_stand_down',
      'reject_stand_down',
      'note',
    ]);
  });
});
