'use server';

import { staffAction } from '@/lib/auth/action';
import type { ReasonCodeOf } from '@/lib/cases/reason-codes';
import { reassignCase } from '@/lib/cases/reassign-case';
import { releaseCase } from '@/lib/cases/release-case';
import { renewLease } from '@/lib/cases/renew-lease';
import { ZReassignCaseInput, ZReleaseCaseInput, ZRenewLeaseInput, ZTakeActionInput, ZTakeCaseInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { takeCase } from '@/lib/queue/take-case';

// Every export here is a public endpoint: each is wrapped (schema, role, error mapping), and the
// lib/ functions re-check the state machine, the claim and the case version in their transaction.

export const takeCaseAction = staffAction('moderator', ZTakeActionInput, async ({ caseId, expectedVersion, input }, staff) => {
  const result = await takeAction({ caseId, actor: staff, expectedVersion, input });
  // The combined response also says which referrals it could not draft, and why.
  const referrals = 'referrals' in result ? (result.referrals as { hotline: string; notPrepared: string | null }[]).map(({ hotline, notPrepared }) => ({ hotline, notPrepared })) : undefined;
  return { caseId: result.caseId, status: result.status, version: result.version, ...(referrals ? { referrals } : {}) };
});

/** "Take this case": claims this case under Next case's lease rules. */
export const takeThisCaseAction = staffAction('moderator', ZTakeCaseInput, async ({ caseId }, staff) => {
  const { version, leaseExpiresAt } = await takeCase({ caseId, actor: staff });
  return { caseId, version, leaseExpiresAt };
});

export const renewLeaseAction = staffAction('moderator', ZRenewLeaseInput, async ({ caseId }, staff) =>
  renewLease({ caseId, actor: staff }),
);

export const releaseCaseAction = staffAction('moderator', ZReleaseCaseInput, async ({ caseId, expectedVersion, reasonCode }, staff) =>
  // The schema checks the code against the release list; its inferred type is wider than that.
  releaseCase({ caseId, actor: staff, expectedVersion, reasonCode: (reasonCode ?? null) as ReasonCodeOf<'release'> | null }),
);

export const reassignCaseAction = staffAction('supervisor', ZReassignCaseInput, async ({ caseId, assigneeId, expectedVersion, reasonCode, note }, staff) => {
  const { version } = await reassignCase({
    caseId,
    actor: staff,
    assigneeId,
    expectedVersion,
    reasonCode: reasonCode as ReasonCodeOf<'reassign'>,
    note: note ?? null,
  });
  return { version };
});
