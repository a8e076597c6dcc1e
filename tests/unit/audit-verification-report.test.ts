import { describe, expect, it } from 'vitest';
import { guardBypassMessage } from '@/lib/audit/guard-bypass';
import { verificationReport } from '@/lib/audit/verification-report';

const keying = { keyedFromEntryId: 1n, keyedFromSeq: 1n };
const intact = { status: 'intact' as const, sealedCount: 12n, lastSeq: 12n, lastHash: 'a'.repeat(64), unsealedOverdue: [], forged: [], keying };

describe('verificationReport', () => {
  it('says intact, with what it was compared with, when nothing is wrong', () => {
    const report = verificationReport(intact, { compared: 3, latestAt: '2026-11-30T10:00:00.000Z', findings: [] });
    expect(report).toMatchObject({ ok: true, status: 'intact', problems: [] });
    expect(report.message).toBe(`Chain intact: 12 entries verified, last hash ${'a'.repeat(64)}.`);
    expect(report.anchorNote).toContain('latest 3 signed checkpoints');
  });

  it('is not ok, and names the entry, when a forged entry sits in the log', () => {
    const forged = [{ id: 40n, event: 'case.dismissed', occurredAt: new Date('2026-11-27T10:00:00.000Z') }];
    const report = verificationReport({ ...intact, forged });
    expect(report).toMatchObject({ ok: false, status: 'broken' });
    expect(report.message).toContain('Log tampered with');
    expect(report.message).toContain('Audit entry 40 (case.dismissed, dated 2026-11-27T10:00:00.000Z) was not written by the application');
    expect(report.anchorNote).toContain('No signed checkpoints');
  });

  it('reports each checkpoint contradiction as a sentence naming the position', () => {
    const findings = [{ kind: 'deleted_tail' as const, seq: '17', message: 'tail deleted: the checkpoint of x vouches for chain position 17 (entry 90), but the chain now ends at position 12' }];
    const report = verificationReport(intact, { compared: 1, latestAt: 'x', findings });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(['Tail deleted: the checkpoint of x vouches for chain position 17 (entry 90), but the chain now ends at position 12.']);
  });

  it('names the first broken position of a broken chain', () => {
    const report = verificationReport({ status: 'broken', seq: 5n, entryId: 9n, reason: 'the link to the previous entry does not match', checkedCount: 4n, forged: [], keying });
    expect(report.message).toBe('Chain broken at audit entry 9 (chain position 5): the link to the previous entry does not match. 4 entries before it verified.');
    expect(report.broken).toEqual({ seq: '5', entryId: '9', reason: 'the link to the previous entry does not match' });
  });
});

describe('guardBypassMessage', () => {
  it('lists every way around the guards and says what to change', () => {
    const message = guardBypassMessage(['role postgres is a superuser', 'role postgres owns audit_entries']);
    expect(message).toMatch(/^Refusing to start/);
    expect(message).toContain('  - role postgres is a superuser\n  - role postgres owns audit_entries');
    expect(message).toContain('DATABASE_OWNER_URL');
  });
});
