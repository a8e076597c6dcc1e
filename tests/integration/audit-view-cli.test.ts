import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealAuditLog } from '@/lib/audit/seal';
import { getPrisma } from '@/lib/db';
import { reportAccount } from '../factories/cases';

const prisma = getPrisma();
const root = path.resolve(import.meta.dirname, '..', '..');

/** Runs `npm run audit:verify`'s script as a child process against this file's database. */
function auditVerify(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['--conditions=react-server', path.join(root, 'scripts', 'audit-verify.ts')],
      { cwd: root, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run audit:verify', () => {
  it('confirms an intact chain with its count and last hash, exit 0, and records the check', async () => {
    for (let i = 0; i < 12; i++) await reportAccount({ handle: `cli_${i % 4}` });
    await sealAuditLog(prisma, { fullScan: true });
    const last = await prisma.auditSeal.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const { code, out } = await auditVerify();
    expect(out).toContain(`Chain intact: ${last.seq} entries verified, last hash ${last.hash}.`);
    expect(code).toBe(0);
    const record = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'audit.chain_verified' }, orderBy: { id: 'desc' } });
    expect(record).toMatchObject({ actorType: 'system', actorId: 'audit-verify' });
    expect(record.payload).toMatchObject({ status: 'intact', checked: String(last.seq), lastHash: last.hash });
  }, 60_000);

  it('exits non-zero when an entry has waited over a minute to be sealed', async () => {
    await sealAuditLog(prisma, { fullScan: true });
    const [late] = await prisma.$queryRaw<{ id: bigint }[]>`
      INSERT INTO audit_entries (occurred_at, actor_type, actor_id, event, payload)
      VALUES (now() - interval '5 minutes', 'system', 'test', 'queue.rescored', '{"changes": []}') RETURNING id`;
    const { code, out } = await auditVerify();
    expect(code).toBe(1);
    expect(out).toContain(`first: ${late!.id}`);
    await sealAuditLog(prisma, { fullScan: true });
    expect((await auditVerify()).code).toBe(0);
  }, 60_000);

  it('names exactly the old row that was edited behind the trigger, exit 1', async () => {
    await sealAuditLog(prisma, { fullScan: true });
    const victim = await prisma.auditSeal.findFirstOrThrow({ orderBy: { seq: 'asc' }, skip: 3 });
    // This file's database user is a superuser: it can switch the append-only trigger off, as an
    // attacker with database access could.
    await prisma.$transaction([
      prisma.$executeRawUnsafe('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only'),
      prisma.$executeRawUnsafe(`UPDATE audit_entries SET payload = payload || '{"dangerNow": true}' WHERE id = ${victim.entryId}`),
      prisma.$executeRawUnsafe('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only'),
    ]);
    const { code, out } = await auditVerify();
    expect(code).toBe(1);
    expect(out).toContain(`Chain broken at audit entry ${victim.entryId} (chain position ${victim.seq})`);
    expect(out).toContain(`BROKEN entry=${victim.entryId} seq=${victim.seq}`);
    const record = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'audit.chain_verified' }, orderBy: { id: 'desc' } });
    expect(record.payload).toMatchObject({ status: 'broken', brokenEntryId: String(victim.entryId) });
  }, 60_000);
});
