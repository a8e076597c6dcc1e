// The three tampers from issue 10, each done as an attacker with full database access (the
// superuser, triggers off with session_replication_role = replica), and each shown detected: by the
// entry MACs and keyed seals the database cannot compute, and by the signed checkpoints outside it.
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chainHash, GENESIS_HASH, type ChainEntry } from '@/lib/audit/chain';
import { parseCheckpointLine } from '@/lib/audit/checkpoint-format';
import { readLatestCheckpoints, writeCheckpoint } from '@/lib/audit/checkpoints';
import { ENTRY_COLUMNS } from '@/lib/audit/keying';
import { verifyAndRecordChain } from '@/lib/audit/record-verification';
import { sealAuditLog } from '@/lib/audit/seal';
import { verifyAuditChain } from '@/lib/audit/verify';
import { getPrisma } from '@/lib/db';
import { getSigningKey } from '@/lib/referrals/signing-key';
import { reportAccount } from '../factories/cases';
import { superuserPrisma } from '../setup/role-clients';

const prisma = getPrisma();
const attacker = superuserPrisma();
const actor = { type: 'system' as const, id: 'test' };

/** Runs statements as the superuser with every trigger off, as the attack did. */
async function asReplica(...statements: string[]) {
  await attacker.$transaction([attacker.$executeRawUnsafe('SET LOCAL session_replication_role = replica'), ...statements.map((sql) => attacker.$executeRawUnsafe(sql))]);
}

let dir: string;
async function checkpoint() {
  const { privateKey } = await getSigningKey(process.env.REFERRAL_SIGNING_KEY_PATH!);
  return writeCheckpoint({ prisma, dir, privateKey });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tc-checkpoints-'));
  for (let i = 0; i < 8; i++) await reportAccount({ handle: `tamper_${i % 3}` });
  await sealAuditLog(prisma, { fullScan: true });
});
afterEach(() => vi.restoreAllMocks());

describe('tampering with the audit log from inside the database', () => {
  it('a back-dated entry inserted with the triggers off is refused by the sealer, alerted once, and named by verification', async () => {
    const alert = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const [kase] = await prisma.$queryRaw<{ id: string }[]>`SELECT id::text FROM cases LIMIT 1`;
    await asReplica(`
      INSERT INTO audit_entries (occurred_at, actor_type, actor_id, event, case_id, entity_type, entity_id, payload, mac)
      VALUES (now() - interval '3 days', 'staff', 'a-supervisor', 'case.dismissed', '${kase!.id}', 'case', '${kase!.id}',
              '{"from": "open", "to": "closed", "version": 2}', 'v1.AAAAAAAAAAAAAAAA.${'A'.repeat(43)}')`);
    const [forged] = await prisma.$queryRaw<{ id: bigint }[]>`SELECT max(id) AS id FROM audit_entries`;

    await sealAuditLog(prisma, { fullScan: true });
    expect(await prisma.auditSeal.count({ where: { entryId: forged!.id } })).toBe(0);
    expect(alert.mock.calls.flat().join(' ')).toContain(`audit entry ${forged!.id} (case.dismissed`);
    const alerts = () => prisma.auditEntry.findMany({ where: { event: 'audit.entry_rejected', entityId: String(forged!.id) } });
    expect(await alerts()).toHaveLength(1);
    expect((await alerts())[0]!.payload).toMatchObject({ entryId: String(forged!.id), reason: 'its MAC does not match its contents' });
    await sealAuditLog(prisma, { fullScan: true }); // the next rounds refuse it quietly, and seal the alert
    expect(await alerts()).toHaveLength(1);
    expect(await prisma.auditSeal.count({ where: { entryId: forged!.id } })).toBe(0);

    const report = await verifyAndRecordChain({ actor, checkpointDir: dir });
    expect(report.ok).toBe(false);
    expect(report.status).toBe('broken');
    expect(report.forged.map((f) => f.entryId)).toEqual([String(forged!.id)]);
    expect(report.message).toContain(`Audit entry ${forged!.id} (case.dismissed, dated`);
  });

  it('deleting the last five entries and their seals is reported as a deleted tail at the checkpointed position', async () => {
    const head = await checkpoint();
    expect(head).not.toBeNull();
    const lastFive = await prisma.auditSeal.findMany({ orderBy: { seq: 'desc' }, take: 5 });
    const ids = lastFive.map((s) => s.entryId).join(', ');
    await asReplica(`DELETE FROM audit_seals WHERE entry_id IN (${ids})`, `DELETE FROM audit_entries WHERE id IN (${ids})`);

    // What remains is a consistent chain: only the anchor outside the database can tell.
    expect((await verifyAuditChain(prisma)).status).toBe('intact');
    const report = await verifyAndRecordChain({ actor, checkpointDir: dir });
    expect(report.ok).toBe(false);
    expect(report.checkpoints.findings).toContainEqual(expect.objectContaining({ kind: 'deleted_tail', seq: head!.seq }));
    expect(report.message).toContain(`vouches for chain position ${head!.seq} (entry ${head!.entryId}), but the chain now ends at position ${BigInt(head!.seq) - 5n}`);

    // Once new entries refill those positions, the same checkpoint shows the chain was rewritten.
    for (let i = 0; i < 6; i++) await reportAccount({ handle: `refill_${i}` });
    await sealAuditLog(prisma);
    const later = await verifyAndRecordChain({ actor, checkpointDir: dir });
    expect(later.checkpoints.findings).toContainEqual(expect.objectContaining({ kind: 'rebuilt', seq: head!.seq }));
  });

  it('rebuilding the whole chain with unkeyed SHA-256 breaks at position 1 and contradicts the checkpoint', async () => {
    const head = await checkpoint();
    const entries = await attacker.$queryRawUnsafe<ChainEntry[]>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entries e JOIN audit_seals s ON s.entry_id = e.id ORDER BY s.seq`,
    );
    let prev = GENESIS_HASH;
    const rows = entries.map((entry, i) => {
      const hash = chainHash(prev, BigInt(i + 1), entry);
      const row = `(${i + 1}, ${entry.id}, '${prev}', '${hash}')`;
      prev = hash;
      return row;
    });
    await asReplica('DELETE FROM audit_seals', `INSERT INTO audit_seals (seq, entry_id, prev_hash, hash) VALUES ${rows.join(', ')}`);

    const report = await verifyAndRecordChain({ actor, checkpointDir: dir });
    expect(report.ok).toBe(false);
    expect(report.broken).toMatchObject({ seq: '1', reason: expect.stringMatching(/sealed without the key/) });
    expect(report.checkpoints.findings).toContainEqual(expect.objectContaining({ kind: 'rebuilt', seq: head!.seq }));

    // Moving the keyed-sealing boundary so the rebuilt chain reads as "from before keyed sealing"
    // satisfies the walk, but not the checkpoints.
    await asReplica('UPDATE audit_keying SET keyed_from_entry_id = 1000000000, keyed_from_seq = 1000000000');
    expect((await verifyAuditChain(prisma)).status).toBe('intact');
    const moved = await verifyAndRecordChain({ actor, checkpointDir: dir });
    expect(moved.ok).toBe(false);
    expect(moved.checkpoints.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['keying_moved', 'rebuilt']));
    expect(moved.message).toContain(`position ${head!.seq} is entry`);
  });

  it('a copied genuine row (its unique index dropped) is refused as a replay', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const original = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'report.received' }, orderBy: { id: 'asc' } });
    await asReplica(
      'DROP INDEX audit_entries_mac_key',
      `INSERT INTO audit_entries (occurred_at, actor_type, actor_id, event, case_id, entity_type, entity_id, payload, request_id, mac)
       SELECT occurred_at, actor_type, actor_id, event, case_id, entity_type, entity_id, payload, request_id, mac FROM audit_entries WHERE id = ${original.id}`,
    );
    const [copy] = await prisma.$queryRaw<{ id: bigint }[]>`SELECT max(id) AS id FROM audit_entries`;
    await sealAuditLog(prisma, { fullScan: true });
    expect(await prisma.auditSeal.count({ where: { entryId: copy!.id } })).toBe(0);
    const [alert] = await prisma.auditEntry.findMany({ where: { event: 'audit.entry_rejected', entityId: String(copy!.id) } });
    expect(alert!.payload).toMatchObject({ reason: `it copies the MAC of entry ${original.id}` });
  });

  it('checkpoints are signed, appended to the directory only when the chain moved, and POSTed to the webhook', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { privateKey, publicKey } = await getSigningKey(process.env.REFERRAL_SIGNING_KEY_PATH!);
      const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkpoints`;
      const first = await writeCheckpoint({ prisma, dir, privateKey, webhookUrl });
      expect(await writeCheckpoint({ prisma, dir, privateKey, webhookUrl })).toBeNull(); // nothing new
      const last = await prisma.auditSeal.findFirstOrThrow({ orderBy: { seq: 'desc' } });
      expect(first).toMatchObject({ seq: String(last.seq), entryId: String(last.entryId), hash: last.hash });
      expect(received).toHaveLength(1);
      expect(parseCheckpointLine(received[0]!, publicKey)).toMatchObject({ ok: true });
      const read = await readLatestCheckpoints(dir, publicKey);
      expect(read.checkpoints).toEqual([first]);
      expect(read.untrusted).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe('verification while the chain grows, and what it still catches at the end of the chain', () => {
  it('seals added after the walk reached the end are walked too, not reported as a gap', async () => {
    // The sealer runs every second while a supervisor verifies: the walk must read on, not flag.
    const original = prisma.$queryRaw.bind(prisma);
    let sealedDuringVerification = false;
    vi.spyOn(prisma, '$queryRaw').mockImplementation(((...args: Parameters<typeof prisma.$queryRaw>) => {
      const sql = (args[0] as unknown as string[]).join('?');
      // The first look past the walk's end (this verifier's, or a count of the seals).
      if (!sealedDuringVerification && /min\(seq\)|count\(\*\)::bigint AS n FROM audit_seals/.test(sql)) {
        sealedDuringVerification = true;
        return reportAccount({ handle: 'tamper_late' })
          .then(() => sealAuditLog(prisma, { fullScan: true }))
          .then(() => original(...args));
      }
      return original(...args);
    }) as typeof prisma.$queryRaw);
    const result = await verifyAuditChain(prisma);
    expect(sealedDuringVerification).toBe(true);
    expect(result.status).toBe('intact');
  });

  it('the entry of the last seal deleted is named, not walked past', async () => {
    const [last] = await prisma.$queryRaw<{ seq: bigint; entryId: bigint }[]>`SELECT seq, entry_id AS "entryId" FROM audit_seals ORDER BY seq DESC LIMIT 1`;
    await asReplica(`DELETE FROM audit_entries WHERE id = ${last!.entryId}`);
    const result = await verifyAuditChain(prisma);
    expect(result).toMatchObject({ status: 'broken', seq: last!.seq, reason: `the entry sealed at chain position ${last!.seq} is missing` });
  });
});
