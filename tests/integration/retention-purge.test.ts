import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { purgeExpiredContacts } from '@/lib/retention/purge-contacts';

const prisma = getPrisma();
const DAY = 86_400_000;
const now = new Date('2030-06-01T12:00:00Z');

/** Files `n` reports with reporter e-mails about `handle`; returns the case and report IDs. */
async function reportsWithContacts(handle: string, n: number) {
  const reportIds: string[] = [];
  let caseId = '';
  for (let i = 0; i < n; i++) {
    const input = ZReportInput.parse({ account: { handle }, category: 'grooming', reporter: { email: `r${i}-${handle}@example.org` } });
    const accepted = await acceptReport(input, { channel: 'web', sourceHash: `s-${handle}-${i}`, reporterFingerprint: `f-${handle}-${i}` });
    const report = await prisma.report.findUniqueOrThrow({ where: { reference: accepted.reference }, select: { id: true, caseId: true } });
    reportIds.push(report.id);
    caseId = report.caseId;
  }
  return { caseId, reportIds };
}

async function closeCase(caseId: string, closedAt: Date) {
  await prisma.case.update({ where: { id: caseId }, data: { status: 'closed', resolution: 'dismissed', closedAt } });
}

async function snapshot(caseId: string) {
  return {
    kase: await prisma.case.findUniqueOrThrow({ where: { id: caseId } }),
    reports: await prisma.report.findMany({ where: { caseId }, orderBy: { id: 'asc' } }),
    actions: await prisma.caseAction.count({ where: { caseId } }),
    audit: await prisma.auditEntry.count({ where: { caseId } }),
  };
}

describe('retention: reporter contact purge', () => {
  it('purges contacts only of cases closed longer than the retention period, audited, keeping everything else', async () => {
    const old = await reportsWithContacts('ret_old', 3);
    const recent = await reportsWithContacts('ret_recent', 2);
    const open = await reportsWithContacts('ret_open', 1);
    await closeCase(old.caseId, new Date(now.getTime() - 91 * DAY));
    await closeCase(recent.caseId, new Date(now.getTime() - 89 * DAY));
    expect(await prisma.reportContact.count()).toBe(6);
    const before = await snapshot(old.caseId);

    const purged = await purgeExpiredContacts(prisma, { retentionDays: 90, now, batchSize: 2 });
    expect(purged).toBe(3);

    const left = await prisma.reportContact.findMany({ select: { reportId: true } });
    expect(left.map((c) => c.reportId).sort()).toEqual([...recent.reportIds, ...open.reportIds].sort());

    // Nothing else about the case changed: the case row, its reports, actions and case audit trail.
    expect(await snapshot(old.caseId)).toEqual(before);

    // Audited in batches (2 + 1), each entry naming its reports, together exactly the purged ones.
    const entries = await prisma.auditEntry.findMany({ where: { event: 'retention.contacts_purged' }, orderBy: { id: 'asc' } });
    expect(entries).toHaveLength(2);
    const payloads = entries.map((e) => e.payload as { reportIds: string[]; count: number; retentionDays: number });
    expect(payloads.map((p) => p.count)).toEqual([2, 1]);
    expect(payloads.flatMap((p) => p.reportIds).sort()).toEqual([...old.reportIds].sort());
    expect(payloads.every((p) => p.retentionDays === 90)).toBe(true);
    expect(entries.every((e) => e.actorType === 'system' && e.actorId === 'retention')).toBe(true);

    // Running again finds nothing and writes nothing.
    expect(await purgeExpiredContacts(prisma, { retentionDays: 90, now })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { event: 'retention.contacts_purged' } })).toBe(2);

    // A shorter retention period reaches the recently closed case too, never the open one.
    expect(await purgeExpiredContacts(prisma, { retentionDays: 30, now })).toBe(2);
    expect((await prisma.reportContact.findMany()).map((c) => c.reportId)).toEqual(open.reportIds);
  });
});
