import { describe, expect, it } from 'vitest';
import {
  NOTE_MAX,
  PRESERVATION_DAYS_DEFAULT,
  ZCaseActionInput,
  ZDecideApprovalInput,
  ZReassignCaseInput,
  ZReleaseCaseInput,
  ZTakeActionInput,
} from '@/lib/cases/schema';

const caseId = '6f1d1d7e-3f57-4a5e-9d0b-0a4f3c1b2e11';

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
}

describe('case action inputs', () => {
  it('accepts a permanent suspension and treats a blank note as absent', () => {
    const parsed = ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'csam_shared', note: '   ' });
    expect(parsed).toEqual({ type: 'suspend', reasonCode: 'csam_shared', note: undefined, until: null });
    expect(ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'grooming', until: null })).toMatchObject({ until: null });
  });

  it('reads a suspension end as a date (end of day UTC) or a date-time, and only in the future', () => {
    const year = new Date().getUTCFullYear() + 1;
    const byDate = ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'grooming', until: `${year}-03-01` });
    expect(byDate.type === 'suspend' && byDate.until?.toISOString()).toBe(`${year}-03-01T23:59:59.999Z`);
    const byTime = ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'grooming', until: `${year}-03-01T10:00:00+02:00` });
    expect(byTime.type === 'suspend' && byTime.until?.toISOString()).toBe(`${year}-03-01T08:00:00.000Z`);
    expect(issues(ZCaseActionInput.safeParse({ type: 'suspend', reasonCode: 'grooming', until: '2001-01-01' }))).toEqual([
      'until: The suspension must end in the future',
    ]);
    expect(ZCaseActionInput.safeParse({ type: 'suspend', reasonCode: 'grooming', until: 'next week' }).success).toBe(false);
  });

  it('refuses a reason code of another action type, or none', () => {
    expect(issues(ZCaseActionInput.safeParse({ type: 'suspend', reasonCode: 'no_violation' }))).toEqual([
      'reasonCode: Choose a reason from the list',
    ]);
    expect(issues(ZCaseActionInput.safeParse({ type: 'dismiss' }))).toEqual(['reasonCode: Choose a reason from the list']);
    expect(ZCaseActionInput.safeParse({ type: 'escalate', reasonCode: 'imminent_danger' }).success).toBe(true);
  });

  it('requires a note for a preservation hold and defaults it to a year', () => {
    expect(ZCaseActionInput.safeParse({ type: 'request_preservation_hold', reasonCode: 'law_enforcement_request' }).success).toBe(false);
    const parsed = ZCaseActionInput.parse({
      type: 'request_preservation_hold',
      reasonCode: 'law_enforcement_request',
      note: 'Request from the regional police, ref 1234.',
    });
    expect(parsed).toMatchObject({ durationDays: PRESERVATION_DAYS_DEFAULT });
    expect(
      ZCaseActionInput.safeParse({ type: 'request_preservation_hold', reasonCode: 'pending_referral', note: 'x', durationDays: 1000 }).success,
    ).toBe(false);
  });

  it('bounds a note body to 1..5000 characters, trimmed', () => {
    expect(ZCaseActionInput.parse({ type: 'note', body: '  checked the profile  ' })).toEqual({ type: 'note', body: 'checked the profile' });
    expect(issues(ZCaseActionInput.safeParse({ type: 'note', body: '   ' }))).toEqual(['body: The note is required']);
    expect(ZCaseActionInput.safeParse({ type: 'note', body: 'x'.repeat(NOTE_MAX) }).success).toBe(true);
    expect(ZCaseActionInput.safeParse({ type: 'note', body: 'x'.repeat(NOTE_MAX + 1) }).success).toBe(false);
  });

  it('requires a reason code and a note to reinstate', () => {
    expect(ZCaseActionInput.safeParse({ type: 'reinstate', reasonCode: 'mistaken_identity' }).success).toBe(false);
    expect(ZCaseActionInput.safeParse({ type: 'reinstate', reasonCode: 'mistaken_identity', note: 'Wrong account.' }).success).toBe(true);
  });

  it('refuses an unknown action type', () => {
    expect(ZCaseActionInput.safeParse({ type: 'delete', reasonCode: 'x' }).success).toBe(false);
  });
});

describe('case operation inputs', () => {
  it('wraps an action with the case and the version the form was rendered from', () => {
    const parsed = ZTakeActionInput.parse({ caseId, expectedVersion: '3', input: { type: 'note', body: 'hi' } });
    expect(parsed.expectedVersion).toBe(3);
    expect(ZTakeActionInput.safeParse({ caseId: 'nope', expectedVersion: 3, input: { type: 'note', body: 'hi' } }).success).toBe(false);
    expect(ZTakeActionInput.safeParse({ caseId, expectedVersion: 0, input: { type: 'note', body: 'hi' } }).success).toBe(false);
  });

  it('takes an optional release reason and a required reassignment reason', () => {
    expect(ZReleaseCaseInput.parse({ caseId, expectedVersion: 2, reasonCode: '' }).reasonCode).toBeUndefined();
    expect(ZReleaseCaseInput.safeParse({ caseId, expectedVersion: 2, reasonCode: 'csam_shared' }).success).toBe(false);
    expect(ZReassignCaseInput.safeParse({ caseId, assigneeId: caseId, expectedVersion: 2 }).success).toBe(false);
    expect(ZReassignCaseInput.safeParse({ caseId, assigneeId: caseId, expectedVersion: 2, reasonCode: 'specialist_needed' }).success).toBe(true);
  });

  it('needs a reason to reject an approval request, not to approve one', () => {
    expect(ZDecideApprovalInput.safeParse({ approvalId: caseId, decision: 'approve' }).success).toBe(true);
    expect(issues(ZDecideApprovalInput.safeParse({ approvalId: caseId, decision: 'reject', reason: '  ' }))).toEqual([
      'reason: Say why you reject the request',
    ]);
    expect(ZDecideApprovalInput.safeParse({ approvalId: caseId, decision: 'maybe', reason: 'x' }).success).toBe(false);
  });
});
