import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getCase } from '@/lib/cases/get-case';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { caseHeldBy, caseVersion, createStaffPrincipal } from '../factories/cases';

const prisma = getPrisma();
let moderator: StaffPrincipal;
let supervisor: StaffPrincipal;

async function fileReport(handle: string, extra: Record<string, unknown> = {}) {
  const report = ZReportInput.parse({ account: { handle }, category: 'grooming', description: 'Asked to meet.', ...extra });
  const source = `src-${handle}-${Math.random()}`;
  return acceptReport(report, { channel: 'web', sourceHash: source, reporterFingerprint: source });
}

const viewedCount = (caseId: string) => prisma.auditEntry.count({ where: { caseId, event: 'case.viewed' } });

beforeAll(async () => {
  moderator = await createStaffPrincipal('moderator', 'Morgan Test');
  supervisor = await createStaffPrincipal('supervisor', 'Sasha Test');
});

describe('getCase', () => {
  it('returns reports with the links as typed, the timeline and the priority parts, and audits the view', async () => {
    const held = await caseHeldBy(moderator, supervisor, { handle: 'viewed_acct' });
    const links = ['http://127.0.0.1:9/page.html', 'https://files.example/album/77'];
    const second = await fileReport('viewed_acct', {
      description: '<img src="http://127.0.0.1:9/image.png"> look',
      contentUrls: links,
      reporter: { country: 'GB' },
    });
    await takeAction({ caseId: held.caseId, actor: moderator, expectedVersion: await caseVersion(held.caseId), input: { type: 'note', body: 'Checked the profile.' } });

    const before = await viewedCount(held.caseId);
    const kase = (await getCase({ caseId: held.caseId, viewer: moderator }))!;
    expect(await viewedCount(held.caseId)).toBe(before + 1);
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: held.caseId, event: 'case.viewed' }, orderBy: { id: 'desc' } });
    expect(entry).toMatchObject({ actorType: 'staff', actorId: moderator.id });
    expect(entry.payload).toEqual({ status: 'in_review', version: kase.version, contactsShown: false });

    expect(kase.account.handle).toBe('viewed_acct');
    expect(kase.reportCount).toBe(2);
    expect(kase.reports).toHaveLength(2);
    const newest = kase.reports[0]!;
    expect(newest.reference).toBe(second.reference);
    expect(newest.contentUrls).toEqual(links);
    expect(newest.description).toBe('<img src="http://127.0.0.1:9/image.png"> look');
    expect(newest.reporterCountry).toBe('GB');
    expect(Object.keys(kase.priorityParts).sort()).toEqual(['age', 'banEvasion', 'danger', 'harm', 'knownContent', 'reporters', 'velocity']);
    expect(kase.holder).toEqual({ id: moderator.id, name: 'Morgan Test' });
    expect(kase.leaseExpiresAt).toBeInstanceOf(Date);

    // The reassignment (the factory's claim) and the note, oldest first; the note shown once, with its body.
    const kinds = kase.timeline.map((e) => (e.kind === 'note' ? `note:${e.body}` : e.type));
    expect(kinds).toEqual(['assign', 'note:Checked the profile.']);
    const assign = kase.timeline[0]!;
    expect(assign.kind === 'action' && assign.reasonLabel).toBe('Workload balancing');
  });

  it('selects reporter e-mails only for supervisors and above', async () => {
    const accepted = await fileReport('contact_acct', { reporter: { email: 'parent@example.org' } });
    const forModerator = (await getCase({ caseId: accepted.caseId!, viewer: moderator }))!;
    expect(forModerator.showsContacts).toBe(false);
    expect('contactEmail' in forModerator.reports[0]!).toBe(false);
    expect(JSON.stringify(forModerator)).not.toContain('parent@example.org');

    const forSupervisor = (await getCase({ caseId: accepted.caseId!, viewer: supervisor }))!;
    expect(forSupervisor.showsContacts).toBe(true);
    expect(forSupervisor.reports[0]!.contactEmail).toBe('parent@example.org');
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: accepted.caseId!, event: 'case.viewed', actorId: supervisor.id } });
    expect(entry.payload).toMatchObject({ contactsShown: true });
  });

  it('lists the account’s earlier cases, marking the previous-case chain', async () => {
    const first = await caseHeldBy(moderator, supervisor, { handle: 'repeat_acct' });
    await takeAction({ caseId: first.caseId, actor: moderator, expectedVersion: first.version, input: { type: 'dismiss', reasonCode: 'insufficient_information' } });
    const second = await caseHeldBy(moderator, supervisor, { handle: 'repeat_acct' });
    await takeAction({ caseId: second.caseId, actor: moderator, expectedVersion: second.version, input: { type: 'dismiss', reasonCode: 'no_violation' } });
    const third = await fileReport('repeat_acct');
    expect(third.caseId).not.toBe(second.caseId);

    const kase = (await getCase({ caseId: third.caseId!, viewer: moderator }))!;
    expect(kase.earlierCases.map((c) => c.id)).toEqual([second.caseId, first.caseId]);
    expect(kase.earlierCases.every((c) => c.onChain && c.status === 'closed' && c.resolution === 'dismissed')).toBe(true);
  });

  it('returns null for an unknown case and audits nothing', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(await getCase({ caseId: id, viewer: moderator })).toBeNull();
    expect(await viewedCount(id)).toBe(0);
  });
});
