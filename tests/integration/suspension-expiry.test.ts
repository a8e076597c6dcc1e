import { describe, expect, it } from 'vitest';
import { endExpiredSuspensions } from '@/lib/cases/end-expired-suspensions';
import { ZCaseActionInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import { caseHeldBy, createStaffPrincipal } from '../factories/cases';

const prisma = getPrisma();

describe('suspensions with an end date', () => {
  it('return the account to no enforcement once the date passes, audited; permanent ones stay', async () => {
    const supervisor = await createStaffPrincipal('supervisor');
    const moderator = await createStaffPrincipal('moderator');
    const until = new Date(Date.now() + 7 * 86_400_000);
    const timed = await caseHeldBy(moderator, supervisor);
    await takeAction({
      caseId: timed.caseId,
      actor: moderator,
      expectedVersion: timed.version,
      input: ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'csam_shared', until: until.toISOString() }),
    });
    const permanent = await caseHeldBy(moderator, supervisor);
    await takeAction({
      caseId: permanent.caseId,
      actor: moderator,
      expectedVersion: permanent.version,
      input: ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'csam_shared' }),
    });

    expect(await endExpiredSuspensions(prisma, new Date(until.getTime() - 1000))).toBe(0);
    expect(await endExpiredSuspensions(prisma, new Date(until.getTime() + 1000))).toBe(1);

    const account = await prisma.reportedAccount.findUniqueOrThrow({ where: { id: timed.accountId } });
    expect(account).toMatchObject({ enforcement: 'none', suspendedUntil: null });
    const stillSuspended = await prisma.reportedAccount.findUniqueOrThrow({ where: { id: permanent.accountId } });
    expect(stillSuspended.enforcement).toBe('suspended');
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'account.suspensions_ended' } });
    expect(entry.payload).toEqual({ accountIds: [timed.accountId] });
  });
});
