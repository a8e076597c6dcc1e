import { describe, expect, it } from 'vitest';
import { sealAuditLog } from '@/lib/audit/seal';
import { verifyAuditChain } from '@/lib/audit/verify';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';

const prisma = getPrisma();

async function fileReports(n: number, prefix: string) {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      acceptReport(ZReportInput.parse({ account: { handle: `${prefix}_${i % 7}` }, category: 'grooming' }), {
        channel: 'web',
        sourceHash: `s${i}`,
        reporterFingerprint: `s${i}`,
      }),
    ),
  );
}

describe('audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the log, the chain and the reports', async () => {
    await fileReports(3, 'guarded');
    await sealAuditLog(prisma);
    const statements = [
      `UPDATE audit_entries SET event = 'forged'`,
      `DELETE FROM audit_entries`,
      `TRUNCATE audit_entries CASCADE`,
      `UPDATE audit_seals SET hash = 'x'`,
      `DELETE FROM audit_seals`,
      `TRUNCATE audit_seals`,
      `UPDATE reports SET description = 'changed'`,
      `DELETE FROM reports`,
    ];
    for (const sql of statements) {
      await expect(prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/append-only/);
    }
    expect(await prisma.auditEntry.count()).toBeGreaterThanOrEqual(3);
  });

  it('seals concurrent intake into one intact chain', async () => {
    await fileReports(120, 'chain');
    const sealed = await sealAuditLog(prisma, { batchSize: 50 });
    expect(sealed).toBeGreaterThanOrEqual(120);
    const result = await verifyAuditChain(prisma);
    expect(result.status).toBe('intact');
    if (result.status !== 'intact') return;
    expect(result.sealedCount).toBe(BigInt(await prisma.auditEntry.count()));
    expect(result.lastHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.unsealedOverdue).toEqual([]);
    expect(await sealAuditLog(prisma)).toBe(0);
  });

  it('flags entries left unsealed for more than a minute', async () => {
    const id = await prisma.$transaction((tx) =>
      writeAudit(tx, { event: 'queue.rescored', payload: { changes: [] } }, { actor: { type: 'system', id: 'test' } }),
    );
    const result = await verifyAuditChain(prisma, { unsealedGraceSeconds: 0 });
    expect(result.status).toBe('intact');
    if (result.status === 'intact') expect(result.unsealedOverdue).toContain(id);
  });

  it('names exactly the entry that was edited behind the trigger', async () => {
    await fileReports(20, 'tamper');
    await sealAuditLog(prisma);
    const victim = await prisma.auditSeal.findFirstOrThrow({ orderBy: { seq: 'asc' }, skip: 5 });
    await prisma.$transaction([
      prisma.$executeRawUnsafe('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only'),
      prisma.$executeRawUnsafe(`UPDATE audit_entries SET payload = payload || '{"dangerNow": true}' WHERE id = ${victim.entryId}`),
      prisma.$executeRawUnsafe('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only'),
    ]);
    const result = await verifyAuditChain(prisma);
    expect(result.status).toBe('broken');
    if (result.status !== 'broken') return;
    expect(result.entryId).toBe(victim.entryId);
    expect(result.seq).toBe(victim.seq);
  });
});
