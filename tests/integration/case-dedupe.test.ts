import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { rescoreDueCases } from '@/lib/queue/rescore-due-cases';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput, type TReportInput } from '@/lib/reports/schema';

const prisma = getPrisma();

function report(input: Partial<TReportInput> & Pick<TReportInput, 'account'>) {
  return ZReportInput.parse({ category: 'child_sexual_imagery', description: 'concurrency', ...input });
}
const source = (id: string) => ({ channel: 'web' as const, sourceHash: `src-${id}`, reporterFingerprint: `src-${id}` });

describe('reports collapse into one open case per account', () => {
  it('200 concurrent reports about one account give exactly one open case that counts 200', async () => {
    const reports = Array.from({ length: 200 }, (_, i) =>
      acceptReport(report({ account: { handle: i % 2 ? '@Hot.Account' : 'hot.account' } }), source(String(i % 40))),
    );
    const results = await Promise.all(reports);
    expect(new Set(results.map((r) => r.reference)).size).toBe(200);

    const cases = await prisma.case.findMany({ where: { account: { accountKey: 'handle:hot.account' } } });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.reportCount).toBe(200);
    expect(cases[0]!.distinctReporters).toBe(40);
    expect(await prisma.report.count({ where: { caseId: cases[0]!.id } })).toBe(200);
    expect(await prisma.reportedAccount.count({ where: { accountKey: 'handle:hot.account' } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { caseId: cases[0]!.id, event: 'report.received' } })).toBe(200);
  });

  it('counts one source filing 50 times as one reporter', async () => {
    for (let i = 0; i < 50; i++) await acceptReport(report({ account: { handle: 'repeat_target' } }), source('same'));
    await rescoreDueCases(prisma);
    const kase = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'repeat_target' } } });
    expect(kase.reportCount).toBe(50);
    expect(kase.distinctReporters).toBe(1);
    const parts = kase.priorityParts as Record<string, number>;
    expect(parts.reporters).toBe(10);
    expect(parts.velocity).toBe(20); // 50 reports in the last hour
    expect(kase.priorityScore).toBe(parts.harm! + parts.danger! + parts.reporters! + parts.velocity! + parts.age!);
    expect(kase.rescoreAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('maps a handle, an @handle and a profile URL of the platform to the same case', async () => {
    await acceptReport(report({ account: { handle: 'Same_Person' } }), source('a'));
    await acceptReport(report({ account: { handle: '@same_person' } }), source('b'));
    await acceptReport(report({ account: { profileUrl: 'https://www.social.example/@SAME_PERSON/' } }), source('c'));
    const cases = await prisma.case.findMany({ where: { account: { handle: 'same_person' } } });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.reportCount).toBe(3);
    expect(cases[0]!.distinctReporters).toBe(3);
  });

  it('marks a danger-now case critical with a one-hour SLA and puts it first', async () => {
    const before = Date.now();
    await acceptReport(report({ account: { handle: 'calm_case' }, category: 'other_abuse' }), source('x'));
    await acceptReport(report({ account: { handle: 'urgent_case' }, category: 'grooming', dangerNow: true }), source('y'));
    // Ordered sensibly at once by the report's interim score, before the worker rescores.
    const interimUrgent = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'urgent_case' } } });
    const interimCalm = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'calm_case' } } });
    expect(interimUrgent.priorityScore).toBeGreaterThan(interimCalm.priorityScore);
    await rescoreDueCases(prisma);
    const urgent = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'urgent_case' } } });
    expect(urgent.severity).toBe('critical');
    expect(urgent.dangerNow).toBe(true);
    expect(urgent.slaDueAt.getTime() - before).toBeLessThanOrEqual(60 * 60_000 + 5_000);
    const calm = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'calm_case' } } });
    expect(calm.severity).toBe('standard');
    expect(urgent.priorityScore).toBeGreaterThan(calm.priorityScore);
  });

  it('raises an existing case when a more harmful report arrives, and keeps the earlier SLA', async () => {
    await acceptReport(report({ account: { handle: 'escalating' }, category: 'other_abuse' }), source('1'));
    const first = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'escalating' } } });
    await acceptReport(report({ account: { handle: 'escalating' }, category: 'sextortion' }), source('2'));
    await rescoreDueCases(prisma);
    const second = await prisma.case.findUniqueOrThrow({ where: { id: first.id } });
    expect(second.primaryCategory).toBe('sextortion');
    expect(second.categories.sort()).toEqual(['other_abuse', 'sextortion']);
    expect(second.severity).toBe('high');
    expect(second.slaDueAt.getTime()).toBeLessThan(first.slaDueAt.getTime());
    expect(second.version).toBe(first.version + 1);
    expect((second.priorityParts as Record<string, number>).harm).toBe(55);
  });

  it('opens a new case linked to the closed one when the account is reported again', async () => {
    await acceptReport(report({ account: { handle: 'returning' } }), source('r1'));
    const old = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'returning' } } });
    await prisma.case.update({ where: { id: old.id }, data: { status: 'closed', resolution: 'dismissed', closedAt: new Date() } });
    await acceptReport(report({ account: { handle: 'returning' } }), source('r2'));
    const open = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'returning' }, closedAt: null } });
    expect(open.id).not.toBe(old.id);
    expect(open.previousCaseId).toBe(old.id);
    expect(open.reportCount).toBe(1);
  });

  it('enforces one open case per account in the database itself', async () => {
    await acceptReport(report({ account: { handle: 'unique_guard' } }), source('u'));
    const existing = await prisma.case.findFirstOrThrow({ where: { account: { handle: 'unique_guard' } } });
    await expect(
      prisma.case.create({
        data: {
          accountId: existing.accountId,
          primaryCategory: 'grooming',
          slaDueAt: new Date(),
          firstReportedAt: new Date(),
          lastReportedAt: new Date(),
        },
      }),
    ).rejects.toThrow();
  });
});
