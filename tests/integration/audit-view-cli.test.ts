import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealAuditLog } from '@/lib/audit/seal';
import { getPrisma } from '@/lib/db';
import { writeAudit } from '@/lib/audit/write-audit';
import { reportAccount } from '../factories/cases';
import { superuserPrisma } from '../setup/role-clients';
import { migrateDatabase, useDemoDatabaseRoles } from '../../scripts/lib/database-roles';
import { loadOrCreateDemoSecrets } from '../../scripts/lib/demo-secrets';
import { startEmbeddedPostgres, throwawayDir } from '../../scripts/lib/embedded-postgres';

const prisma = getPrisma();
const root = path.resolve(import.meta.dirname, '..', '..');

/** Runs `npm run audit:verify`'s script as a child process against this file's database. */
function auditVerify(env: Record<string, string | undefined> = {}, args: string[] = []): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['--conditions=react-server', path.join(root, 'scripts', 'audit-verify.ts'), ...args],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
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
    // A genuine entry (written by the app, with its MAC) that the sealer has not reached for minutes.
    const late = await prisma.$transaction((tx) =>
      writeAudit(tx, { event: 'queue.rescored', payload: { changes: [] } }, { actor: { type: 'system', id: 'test' }, now: new Date(Date.now() - 5 * 60_000) }),
    );
    const { code, out } = await auditVerify();
    expect(code).toBe(1);
    expect(out).toContain(`first: ${late}`);
    await sealAuditLog(prisma, { fullScan: true });
    expect((await auditVerify()).code).toBe(0);
  }, 60_000);

  it('exits 2 with one line, not a stack, when it cannot reach the database', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.port = '1'; // nothing listens on port 1
    const { code, out } = await auditVerify({ DATABASE_URL: url.toString() });
    expect(code).toBe(2);
    expect(out).toMatch(/^audit:verify could not run: /m);
    expect(out).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('names exactly the old row that was edited behind the trigger, exit 1', async () => {
    await sealAuditLog(prisma, { fullScan: true });
    const victim = await prisma.auditSeal.findFirstOrThrow({ orderBy: { seq: 'asc' }, skip: 3 });
    // The superuser can switch the append-only trigger off, as an attacker with database access could.
    const superuser = superuserPrisma();
    await superuser.$transaction([
      superuser.$executeRawUnsafe('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only'),
      superuser.$executeRawUnsafe(`UPDATE audit_entries SET payload = payload || '{"dangerNow": true}' WHERE id = ${victim.entryId}`),
      superuser.$executeRawUnsafe('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only'),
    ]);
    const { code, out } = await auditVerify();
    expect(code).toBe(1);
    expect(out).toContain(`Chain broken at audit entry ${victim.entryId} (chain position ${victim.seq})`);
    expect(out).toContain(`BROKEN entry=${victim.entryId} seq=${victim.seq}`);
    const record = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'audit.chain_verified' }, orderBy: { id: 'desc' } });
    expect(record.payload).toMatchObject({ status: 'broken', brokenEntryId: String(victim.entryId) });
  }, 60_000);

  it('finds the demo database by itself without DATABASE_URL, running or not', async () => {
    const dataDir = throwawayDir('tc-demo-verify-');
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: 0, persistent: true });
    try {
      await postgres.ensureDatabase('triage');
      const env: NodeJS.ProcessEnv = { ...process.env, ...loadOrCreateDemoSecrets(dataDir), DATABASE_URL: postgres.adminUrl('triage'), TC_DEMO: '1' };
      await useDemoDatabaseRoles(env, dataDir);
      await migrateDatabase(env);
      const demoEnv = { DATABASE_URL: undefined, TC_SECRET_KEY: undefined, NEXTAUTH_SECRET: undefined, AUDIT_CHECKPOINT_DIR: undefined, REFERRAL_SIGNING_KEY_PATH: undefined };
      const running = await auditVerify(demoEnv, ['--data-dir', dataDir]);
      expect(running.out).toContain('Chain intact: 0 entries verified');
      expect(running.code).toBe(0);
      await postgres.stop();
      const stopped = await auditVerify(demoEnv, ['--data-dir', dataDir]);
      expect(stopped.out).toContain('Chain intact: 0 entries verified');
      expect(stopped.code).toBe(0);
      const missing = await auditVerify(demoEnv, ['--data-dir', path.join(dataDir, 'nothing-here')]);
      expect(missing.code).toBe(2);
      expect(missing.out).toContain('there is no demo database');
    } finally {
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
