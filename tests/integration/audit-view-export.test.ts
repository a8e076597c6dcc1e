import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as exportRoute } from '@/app/api/v1/audit/export/route';
import { exportAuditEntries } from '@/lib/audit/export-audit';
import { getAuditEntry, listAuditEntries } from '@/lib/audit/list-audit-entries';
import { parseAuditFilter } from '@/lib/audit/list-filter';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { createStaffPrincipal, reportAccount, type TestCase } from '../factories/cases';
import { signInAs } from '../factories/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);

const prisma = getPrisma();
let supervisor: StaffPrincipal;
let moderator: StaffPrincipal;
let target: TestCase;

beforeAll(async () => {
  supervisor = await createStaffPrincipal('supervisor');
  moderator = await createStaffPrincipal('moderator');
  target = await reportAccount({ handle: '=evil_formula' });
  for (let i = 0; i < 4; i++) await reportAccount({ handle: target.handle });
  for (let i = 0; i < 5; i++) await reportAccount({ handle: `other_${i}` });
});

const exportUrl = (query: string) => new Request(`http://console.test/api/v1/audit/export?${query}`);

describe('audit view: listing', () => {
  it('filters by case (ID or number) and event, pages by id keyset, and audits each view', async () => {
    const number = (await prisma.case.findUniqueOrThrow({ where: { id: target.caseId } })).caseNumber;
    const byId = parseAuditFilter(new URLSearchParams({ case: target.caseId }));
    const first = await listAuditEntries({ actor: supervisor, filter: byId, limit: 3 });
    expect(first.entries).toHaveLength(3);
    expect(first.entries.every((e) => e.caseId === target.caseId && e.event === 'report.received')).toBe(true);
    expect(first.nextCursor).toBe(first.entries[2]!.id);
    const second = await listAuditEntries({ actor: supervisor, filter: byId, limit: 3, before: BigInt(first.nextCursor!) });
    expect(second.entries).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries].map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));

    const byNumber = await listAuditEntries({ actor: supervisor, filter: parseAuditFilter({ case: `#${number}` }) });
    expect(byNumber.entries.map((e) => e.id)).toEqual(ids.map(String));
    expect(byNumber.entries[0]!.caseNumber).toBe(String(number));

    const views = await prisma.auditEntry.findMany({ where: { event: 'audit.viewed', actorId: supervisor.id } });
    expect(views).toHaveLength(3);
    expect(views[0]!.payload).toMatchObject({ filter: { caseId: target.caseId }, rows: 3 });
  });

  it('filters by actor and time range', async () => {
    const since = new Date(Date.now() - 60_000);
    const mine = await listAuditEntries({ actor: supervisor, filter: parseAuditFilter({ actor: supervisor.id, from: since.toISOString() }) });
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.actorId === supervisor.id && e.actorName === supervisor.name)).toBe(true);
    const future = await listAuditEntries({ actor: supervisor, filter: parseAuditFilter({ from: '2099-01-01T00:00' }) });
    expect(future.entries).toEqual([]);
    expect(() => parseAuditFilter({ from: '2030-01-02T00:00', to: '2030-01-01T00:00' })).toThrow(/after the start/);
  });

  it('opens one entry with a before/after summary, audited', async () => {
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: target.caseId }, orderBy: { id: 'asc' } });
    const detail = await getAuditEntry({ actor: supervisor, id: entry.id });
    expect(detail?.payloadSummary.details).toContainEqual({ label: 'Category', value: 'grooming' });
    const opened = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'audit.viewed' }, orderBy: { id: 'desc' } });
    expect(opened.payload).toMatchObject({ entryId: entry.id.toString(), rows: 1 });
    await expect(getAuditEntry({ actor: moderator, id: entry.id })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('audit export route', () => {
  it('streams the filtered set as CSV, escaped, and audits the export with its row count in a transaction', async () => {
    signInAs(supervisor);
    const res = await exportRoute(exportUrl(`format=csv&case=${target.caseId}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurred_at,actor_type/);
    expect(lines).toHaveLength(6);
    const exported = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'audit.exported' }, orderBy: { id: 'desc' } });
    expect(exported).toMatchObject({ actorType: 'staff', actorId: supervisor.id });
    expect(exported.payload).toMatchObject({ format: 'csv', rows: 5, filter: { caseId: target.caseId } });
    expect(res.headers.get('x-audit-rows')).toBe('5');
  });

  it('streams JSON Lines, oldest first, with the payload', async () => {
    signInAs(supervisor);
    const res = await exportRoute(exportUrl(`format=jsonl&case=${target.caseId}&event=report.received`));
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; event: string; payload: { category: string } });
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => BigInt(r.id))).toEqual(rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : 1)));
    expect(rows[0]!.payload.category).toBe('grooming');
  });

  it('escapes formula cells in real exported data', async () => {
    await prisma.$executeRaw`INSERT INTO audit_entries (actor_type, actor_id, event, payload) VALUES ('system', '=HYPERLINK("http://x")', 'queue.rescored', '{"changes":[]}')`;
    const file = await exportAuditEntries({ actor: supervisor, filter: parseAuditFilter({ actor: '=HYPERLINK("http://x")' }), format: 'csv' });
    const text = await new Response(file.body).text();
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(file.rows).toBe(1);
  });

  it('refuses moderators (403) and signed-out requests (401) before exporting anything', async () => {
    const before = await prisma.auditEntry.count({ where: { event: 'audit.exported' } });
    signInAs(moderator);
    for (const format of ['csv', 'jsonl']) expect((await exportRoute(exportUrl(`format=${format}`))).status).toBe(403);
    signInAs(null);
    expect((await exportRoute(exportUrl('format=csv'))).status).toBe(401);
    signInAs(supervisor);
    expect((await exportRoute(exportUrl('format=xml'))).status).toBe(400);
    expect(await prisma.auditEntry.count({ where: { event: 'audit.exported' } })).toBe(before);
  });
});
