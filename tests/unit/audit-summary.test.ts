import { describe, expect, it } from 'vitest';
import { auditFilterParams, parseAuditFilter } from '@/lib/audit/list-filter';
import { labelFor, summarisePayload, summaryLine } from '@/lib/audit/list-summary';
import { holdExpiry } from '@/lib/retention/hold-expiry';

describe('audit payload summary', () => {
  it('splits a status change into before and after, and the rest into details', () => {
    const s = summarisePayload({ from: 'open', to: 'in_review', version: 3, actionId: 'a1', previousAssigneeId: null });
    expect(s.before).toEqual([{ label: 'Status', value: 'open' }]);
    expect(s.after).toEqual([
      { label: 'Status', value: 'in_review' },
      { label: 'Case version', value: '3' },
    ]);
    expect(s.details).toEqual([
      { label: 'Action ID', value: 'a1' },
      { label: 'Previous assignee ID', value: '—' },
    ]);
    expect(summaryLine({ before: 'moderator', after: 'supervisor', staffId: 'x' })).toBe('Value: moderator → supervisor');
  });

  it('keeps markup as inert text and caps long values', () => {
    const s = summarisePayload({ reason: '<img src=x onerror=alert(1)>', ids: ['a', 'b'], long: 'x'.repeat(1000) });
    expect(s.details[0]).toEqual({ label: 'Reason', value: '<img src=x onerror=alert(1)>' });
    expect(s.details[1]).toEqual({ label: 'IDs', value: 'a, b' });
    expect(s.details[2]!.value).toHaveLength(300);
    expect(labelFor('reportIds')).toBe('Report IDs');
    expect(summarisePayload(null)).toEqual({ before: [], after: [], details: [] });
  });
});

describe('audit filter', () => {
  it('reads zone-less datetime-local values as UTC and round-trips through the URL', () => {
    const f = parseAuditFilter({ case: '#42', event: 'case.viewed', from: '2030-01-01T10:00', to: '' });
    expect(f).toEqual({ case: '#42', event: 'case.viewed', from: new Date('2030-01-01T10:00:00Z') });
    expect(parseAuditFilter(auditFilterParams(f))).toEqual(f);
  });

  it('refuses malformed values', () => {
    expect(() => parseAuditFilter({ case: "1' OR 1=1" })).toThrow(/case number/);
    expect(() => parseAuditFilter({ event: 'DROP TABLE' })).toThrow(/event type/);
    expect(() => parseAuditFilter({ from: 'yesterday' })).toThrow(/date and time/);
  });
});

describe('preservation hold expiry', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
  it('warns 30 days before the end, counts down, and marks expired holds', () => {
    expect(holdExpiry(inDays(31), now)).toEqual({ state: 'active', daysLeft: 31, text: '31 days left' });
    expect(holdExpiry(inDays(30), now)).toEqual({ state: 'expiring', daysLeft: 30, text: '30 days left' });
    expect(holdExpiry(inDays(0.25), now)).toEqual({ state: 'expiring', daysLeft: 1, text: '6 hours left' });
    expect(holdExpiry(inDays(-2), now)).toEqual({ state: 'expired', daysLeft: 0, text: 'Expired 2 days ago' });
  });
});
