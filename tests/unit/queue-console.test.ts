import { describe, expect, it } from 'vitest';
import { offeredActions } from '@/components/case/action-kinds';
import { buildPayload, checkPayload } from '@/components/case/action-form';
import { formatDuration, slaOutcome, slaState } from '@/components/ui/format';
import { containsPattern, decodeCursor, encodeCursor, parseQueueQuery, queueHref, readSearchTerm, searchTextProblem } from '@/lib/queue/list-queue-params';

describe('queue URL state', () => {
  it('round-trips a keyset cursor and refuses a tampered one', () => {
    const cursor = { priorityScore: 135, slaDueAt: new Date('2026-11-23T10:00:00.000Z'), id: '3f0c1d7e-8a4b-4c2d-9e1f-0a1b2c3d4e5f' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('bm90IGpzb24')).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify([1, 'x', 'y'])).toString('base64url'))).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('ignores unknown filter values instead of failing', () => {
    expect(parseQueueQuery({ category: 'nonsense', status: 'closed', breached: '1', mine: 'no', q: '  @Someone  ', network: '1', sort: 'size' })).toEqual({
      category: undefined,
      status: undefined,
      breached: true,
      mine: false,
      network: undefined,
      sort: 'priority',
      q: '@Someone',
      cursor: undefined,
    });
    expect(queueHref({ category: 'grooming', breached: true, q: 'a b' }, 'CUR')).toBe('/console?category=grooming&breached=1&q=a+b&cursor=CUR');
  });

  it('reads the network filter and sort, and keeps them in links', () => {
    const query = parseQueueQuery({ network: '5', sort: 'network' });
    expect(query).toMatchObject({ network: 5, sort: 'network' });
    expect(queueHref(query)).toBe('/console?network=5&sort=network');
    expect(parseQueueQuery({ network: 'x' }).network).toBeUndefined();
    expect(parseQueueQuery({ network: '1000000' }).network).toBeUndefined();
    expect(queueHref(parseQueueQuery({}))).toBe('/console');
  });

  it('keeps the network size in a network-order cursor, and reads no position from the other order', () => {
    const at = { priorityScore: 80, slaDueAt: new Date('2026-12-01T00:00:00Z'), id: '5f0c5b36-6c1f-4b7e-9a53-0b7a3c2e9d11' };
    const byNetwork = encodeCursor({ ...at, networkSize: 7 });
    expect(decodeCursor(byNetwork, 'network')).toEqual({ ...at, networkSize: 7 });
    expect(decodeCursor(byNetwork, 'priority')).toEqual(at);
    expect(decodeCursor(encodeCursor(at), 'network')).toBeNull();
  });

  it('reads the responding status and the referral-obligation filter, and keeps them in links', () => {
    expect(parseQueueQuery({ status: 'responding', obligation: 'referral' })).toMatchObject({ status: 'responding', obligation: 'referral' });
    expect(parseQueueQuery({ obligation: 'preservation' }).obligation).toBeUndefined();
    expect(parseQueueQuery({ obligation: ['referral', 'x'] }).obligation).toBe('referral');
    expect(queueHref({ status: 'responding', obligation: 'referral' }, 'CUR')).toBe('/console?status=responding&obligation=referral&cursor=CUR');
  });

  it('reads a report reference in any case, anything else as an account', () => {
    expect(readSearchTerm(' tc-7k4m-9qx2 ')).toEqual({ kind: 'reference', reference: 'TC-7K4M-9QX2' });
    expect(readSearchTerm('@handle')).toEqual({ kind: 'text', text: '@handle' });
    expect(readSearchTerm('7k4m')).toEqual({ kind: 'text', text: '7k4m' });
    expect(readSearchTerm('   ')).toBeNull();
  });

  it('matches a fragment literally: %, _ and \\ in the text are not wildcards', () => {
    expect(containsPattern('walk_danger')).toBe('%walk\\_danger%');
    expect(containsPattern('100%')).toBe('%100\\%%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });

  it('refuses search text with a control character or a lone surrogate, and says why', () => {
    expect(searchTextProblem({ q: 'walk\u0000danger' })).toMatch(/control character/);
    expect(searchTextProblem({ q: 'walk\u0007' })).toMatch(/control character/);
    expect(searchTextProblem({ q: '\ud800' })).toMatch(/surrogate/);
    expect(parseQueueQuery({ q: 'walk\u0000danger' }).q).toBe('');
    expect(searchTextProblem({ q: 'walk_danger' })).toBeNull();
    expect(searchTextProblem({})).toBeNull();
  });
});

describe('SLA display', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('says overdue in words when breached, and flags the last hour', () => {
    expect(slaState(new Date('2026-11-23T09:45:00Z'), now)).toEqual({ breached: true, urgent: true, text: 'Overdue by 2h 15m' });
    expect(slaState(new Date('2026-11-23T12:30:00Z'), now)).toEqual({ breached: false, urgent: true, text: '30m left' });
    expect(slaState(new Date('2026-11-25T15:00:00Z'), now)).toEqual({ breached: false, urgent: false, text: '2d 3h left' });
    expect(formatDuration(20_000)).toBe('under 1m');
  });

  it('stops at the first decision: met, or missed by how much', () => {
    const due = new Date('2026-11-23T10:00:00Z');
    expect(slaOutcome(due, new Date('2026-11-23T09:59:00Z'))).toEqual({ breached: false, urgent: false, text: 'Met: decided in time' });
    expect(slaOutcome(due, new Date('2026-11-23T12:15:00Z'))).toEqual({ breached: true, urgent: false, text: 'Missed: decided 2h 15m late' });
  });
});

describe('case actions offered', () => {
  it('follows the state machine and the role', () => {
    const plain = { accountSuspendedByCase: false, reportable: false, accountSuspended: false, preserved: false };
    const reportable = { ...plain, reportable: true };
    const suspendedHere = { ...plain, accountSuspendedByCase: true, accountSuspended: true };
    expect(offeredActions('in_review', 'moderator', true, plain)).toEqual(['suspend', 'record_preservation', 'dismiss', 'escalate', 'request_preservation_hold', 'note', 'release']);
    expect(offeredActions('in_review', 'moderator', true, reportable)).toEqual(['respond', 'suspend', 'record_preservation', 'dismiss', 'escalate', 'request_preservation_hold', 'note', 'release']);
    expect(offeredActions('in_review', 'moderator', false, reportable)).toEqual(['note']);
    expect(offeredActions('in_review', 'supervisor', false, plain)).toContain('suspend');
    expect(offeredActions('escalated', 'moderator', false, plain)).toEqual(['note']);
    expect(offeredActions('escalated', 'supervisor', false, plain)).toEqual(['suspend', 'record_preservation', 'dismiss', 'request_preservation_hold', 'note']);
    // Responding: measures not yet in force, for any moderator; no second combined response.
    expect(offeredActions('responding', 'moderator', false, { ...reportable, accountSuspended: true })).toEqual(['record_preservation', 'request_preservation_hold', 'note']);
    expect(offeredActions('responding', 'moderator', false, { ...reportable, preserved: true })).toEqual(['suspend', 'request_preservation_hold', 'note']);
    expect(offeredActions('closed', 'moderator', false, suspendedHere)).toEqual(['note']);
    expect(offeredActions('closed', 'supervisor', false, suspendedHere)).toEqual(['note', 'reinstate']);
    expect(offeredActions('closed', 'supervisor', false, plain)).toEqual(['note']);
    expect(offeredActions('open', 'moderator', false, plain)).toEqual(['note']);
  });

  it('builds the shared schema input from the form and checks it before sending', () => {
    const form = new FormData();
    form.set('reasonCode', 'grooming');
    form.set('duration', 'permanent');
    form.set('until', '2030-01-01');
    const payload = buildPayload('suspend', form);
    expect(payload).toEqual({ kind: 'take', input: { type: 'suspend', reasonCode: 'grooming', note: undefined, until: null } });
    expect(checkPayload(payload)).toBeNull();

    form.set('duration', 'until');
    form.set('until', '2001-01-01');
    expect(checkPayload(buildPayload('suspend', form))).toEqual({ until: ['The suspension must end in the future'] });
    expect(checkPayload(buildPayload('dismiss', new FormData()))).toHaveProperty('reasonCode');
    expect(checkPayload(buildPayload('note', new FormData()))).toHaveProperty('body');
  });
});
