import { describe, expect, it } from 'vitest';
import { sealAuditLog } from '@/lib/audit/seal';
import { verifyAuditChain } from '@/lib/audit/verify';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { findGuardBypasses } from '@/lib/audit/guard-bypass';
import { ownerPrisma, superuserPrisma } from '../setup/role-clients';

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
  it('the app role cannot change, remove or truncate audit rows, switch the guards off or set session_replication_role', async () => {
    await fileReports(3, 'guarded');
    await sealAuditLog(prisma);
    // This file's DATABASE_URL is the app role, as in production (tests/setup/per-file-database.ts).
    const statements = [
      `UPDATE audit_entries SET event = 'forged'`,
      `DELETE FROM audit_entries`,
      `TRUNCATE audit_entries CASCADE`,
      `UPDATE audit_seals SET hash = 'x'`,
      `DELETE FROM audit_seals`,
      `TRUNCATE audit_seals`,
      `UPDATE reports SET description = 'changed'`,
      `DELETE FROM reports`,
      `INSERT INTO audit_keying (id, keyed_from_entry_id, keyed_from_seq) VALUES (2, 1, 1)`,
      `ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`,
      `ALTER TABLE audit_entries DISABLE TRIGGER ALL`,
      `DROP TRIGGER audit_seals_append_only ON audit_seals`,
      `CREATE OR REPLACE FUNCTION tc_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
      `SET session_replication_role = replica`,
      `ALTER ROLE CURRENT_USER SET session_replication_role = replica`,
    ];
    for (const sql of statements) {
      await expect(prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied|must be owner|not allowed/);
    }
    await expect(prisma.$transaction([prisma.$executeRawUnsafe('SET LOCAL session_replication_role = replica')])).rejects.toThrow(/permission denied/);
    expect(await prisma.auditEntry.count()).toBeGreaterThanOrEqual(3);
    // The start-time check agrees: nothing to report for the app role, plenty for the others.
    const run = (client: typeof prisma) => (sql: string) => client.$queryRawUnsafe<Record<string, unknown>[]>(sql);
    expect(await findGuardBypasses(run(prisma))).toEqual([]);
    expect((await findGuardBypasses(run(ownerPrisma()))).join('\n')).toMatch(/owns .*audit_entries.*tc_refuse_change\(\)/);
    expect((await findGuardBypasses(run(superuserPrisma()))).join('\n')).toMatch(/is a superuser/);
  });

  it('even the owner of the tables meets the append-only triggers', async () => {
    const owner = ownerPrisma();
    for (const sql of [`UPDATE audit_entries SET event = 'forged'`, `DELETE FROM audit_seals`, `TRUNCATE audit_entries CASCADE`, `DELETE FROM audit_keying`]) {
      await expect(owner.$executeRawUnsafe(sql), sql).rejects.toThrow(/append-only/);
    }
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
    const superuser = superuserPrisma();
    await superuser.$transaction([
      superuser.$executeRawUnsafe('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only'),
      superuser.$executeRawUnsafe(`UPDATE audit_entries SET payload = payload || '{"dangerNow": true}' WHERE id = ${victim.entryId}`),
      superuser.$executeRawUnsafe('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only'),
    ]);
    const result = await verifyAuditChain(prisma);
    expect(result.status).toBe('broken');
    if (result.status !== 'broken') return;
    expect(result.entryId).toBe(victim.entryId);
    expect(result.seq).toBe(victim.seq);
    expect(result.reason).toMatch(/MAC/);
  });
});
