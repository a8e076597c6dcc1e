// Faults an operator will meet with several web nodes and workers on one database (issue 13): a web
// server killed with SIGKILL mid-stream, a whole node killed, the app's database connections
// terminated by an administrator, and a worker killed in the middle of a webhook delivery. Whatever
// breaks, every report answered 201 is stored exactly once with its audit entry, nothing is half
// stored, the surviving processes keep serving, and each decision still reaches the receiver in order.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify';
import { getPrisma } from '@/lib/db';
import { ensureBuild } from '@/scripts/bench/lib/app-under-test';
import { startNode, type AppNode } from '../factories/app-nodes';
import { createCaseForDecisions, decide } from '../factories/decisions';
import { reportBody } from '../factories/requests';
import { startWebhookReceiver } from '../factories/webhook-receiver';
import { pgbouncerBinary, PGBOUNCER_SKIP_REASON, startPgbouncer } from '../setup/pgbouncer';
import { TEST_ROLES } from '../setup/provided';

// Ports of this test's block; MULTI_NODE_FAULT_PORTS overrides ("3310,3311,3312").
const [PORT_A, PORT_B, PORT_C] = (process.env.MULTI_NODE_FAULT_PORTS ?? '3310,3311,3312').split(',').map(Number) as [number, number, number];
const WEBHOOK_SECRET = randomBytes(32).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
if (!pgbouncerBinary) console.warn(`multi-node-faults.test.ts, the PgBouncer kill: ${PGBOUNCER_SKIP_REASON}`);

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let env: NodeJS.ProcessEnv;
const nodes: AppNode[] = [];
let webA: AppNode;
let webB: AppNode;
let workers: AppNode[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver(WEBHOOK_SECRET);
  env = {
    ...process.env,
    DATABASE_OWNER_URL: process.env.TEST_OWNER_DATABASE_URL,
    TRUST_PROXY: '1',
    PLATFORM_WEBHOOK_URL: receiver.url,
    PLATFORM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    AUDIT_CHECKPOINT_SECONDS: '1',
    DATABASE_POOL_SIZE: '4',
  };
  await ensureBuild(env);
  webA = await startNode('web', env, PORT_A);
  nodes.push(webA);
  webB = await startNode('web', env, PORT_B);
  nodes.push(webB);
  workers = [await startNode('worker', env), await startNode('worker', env)];
  nodes.push(...workers);
}, 900_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await receiver?.close();
}, 60_000);

type Sent = { ip: string; body: unknown; idempotencyKey?: string };
type Outcome = Sent & { node: string; handle: string; status: number | null; reference?: string; retryAfter?: string | null; error?: string };
let ipCounter = 0;

function newReport(idempotent: boolean): Sent & { handle: string } {
  ipCounter += 1;
  const handle = `fault_${randomBytes(6).toString('hex')}`;
  return {
    handle,
    ip: `100.${64 + (ipCounter >> 16)}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
    body: reportBody({ account: { handle } }),
    ...(idempotent ? { idempotencyKey: randomBytes(8).toString('hex') } : {}),
  };
}

/** Posts one report (a new one unless `sent` is given); a connection error (a killed server) is an outcome, not a failure. */
async function post(url: string, name: string, sent: Sent & { handle: string } = newReport(false)): Promise<Outcome> {
  try {
    const response = await fetch(`${url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': sent.ip,
        ...(sent.idempotencyKey ? { 'idempotency-key': sent.idempotencyKey } : {}),
      },
      body: JSON.stringify(sent.body),
      signal: AbortSignal.timeout(20_000),
    });
    const answer = (await response.json()) as { reference?: string };
    return { ...sent, node: name, status: response.status, reference: answer.reference, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    return { ...sent, node: name, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** `clients` loops per target posting reports one after another until `done()`. */
async function stream(targets: { url: string; name: string }[], clients: number, done: () => boolean, idempotent = false): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await Promise.all(
    targets.flatMap((t) =>
      Array.from({ length: clients }, async () => {
        while (!done()) {
          const outcome = await post(t.url, t.name, newReport(idempotent));
          outcomes.push(outcome);
          if (outcome.status !== 201) await sleep(100); // a dead port or database refuses at once; do not spin
        }
      }),
    ),
  );
  return outcomes;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const healthy = (url: string) => fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);

/** The direct children of `pid` whose command line matches `pattern`. */
function childPids(pid: number, pattern: RegExp): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return []; // ps exits 1 when there is none
  }
  return out
    .split('\n')
    .filter((line) => pattern.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/**
 * Every report answered 201 is stored exactly once, with its report.received audit entry; and
 * nothing anywhere is half stored: every report has its audit entry and every case counts exactly
 * the reports it holds.
 */
async function expectStoredExactlyOnce(outcomes: Outcome[]): Promise<void> {
  const references = outcomes.filter((o) => o.status === 201).map((o) => o.reference!);
  expect(new Set(references).size).toBe(references.length);
  const prisma = getPrisma();
  const stored = await prisma.$queryRaw<{ reference: string; n: bigint; audited: bigint }[]>`
    SELECT r.reference, count(*) AS n,
           (SELECT count(*) FROM audit_entries a
             WHERE a.event = 'report.received' AND a.entity_type = 'report' AND a.entity_id = min(r.id::text)) AS audited
      FROM reports r WHERE r.reference = ANY(${references}::text[]) GROUP BY r.reference`;
  expect(stored).toHaveLength(references.length);
  for (const row of stored) expect({ reference: row.reference, n: row.n, audited: row.audited }).toEqual({ reference: row.reference, n: 1n, audited: 1n });
  const [unaudited] = await prisma.$queryRaw<[{ n: bigint }]>`
    SELECT count(*) AS n FROM reports r WHERE NOT EXISTS (
      SELECT 1 FROM audit_entries a WHERE a.event = 'report.received' AND a.entity_type = 'report' AND a.entity_id = r.id::text)`;
  expect(unaudited.n).toBe(0n);
  const [miscounted] = await prisma.$queryRaw<[{ n: bigint }]>`
    SELECT count(*) AS n FROM cases c WHERE c.report_count <> (SELECT count(*) FROM reports r WHERE r.case_id = c.id)`;
  expect(miscounted.n).toBe(0n);
}

describe('faults with two web nodes and two workers on one database', () => {
  it('a web server killed with SIGKILL mid-stream: no 201 for anything not stored, the other node keeps answering, the supervisor brings it back', async () => {
    const [server] = childPids(webA.pid, /serve\.mjs/);
    expect(server).toBeGreaterThan(0);
    let phase: 'before' | 'killed' | 'back' = 'before';
    let backAt = 0;
    const running = stream(
      [{ url: webA.url!, name: 'A' }, { url: webB.url!, name: 'B' }],
      3,
      () => phase === 'back' && Date.now() > backAt + 1_500,
    );
    try {
      await sleep(1_500);
      process.kill(server!, 'SIGKILL');
      phase = 'killed';
      await waitUntil('node A to serve again', async () => childPids(webA.pid, /serve\.mjs/).some((p) => p !== server) && (await healthy(webA.url!)));
    } finally {
      phase = 'back';
      backAt = Date.now();
    }
    const outcomes = await running;

    // Node B never noticed; node A's clients saw connection errors, never an error status.
    expect(outcomes.filter((o) => o.node === 'B' && o.status !== 201)).toEqual([]);
    const fromA = outcomes.filter((o) => o.node === 'A');
    expect(fromA.every((o) => o.status === 201 || o.status === null), JSON.stringify(fromA.filter((o) => o.status !== 201 && o.status !== null))).toBe(true);
    expect((await post(webA.url!, 'A')).status).toBe(201);
    await expectStoredExactlyOnce(outcomes);
  }, 150_000);

  it('a whole web node killed with SIGKILL (its supervisor too): the other node keeps answering and a new node on that port resumes', async () => {
    let killed = false;
    let killedAt = 0;
    const running = stream([{ url: webA.url!, name: 'A' }, { url: webB.url!, name: 'B' }], 3, () => killed && Date.now() > killedAt + 2_000);
    try {
      await sleep(1_500);
      process.kill(-webB.pid, 'SIGKILL');
    } finally {
      killed = true;
      killedAt = Date.now();
    }
    const outcomes = await running;
    const fromA = outcomes.filter((o) => o.node === 'A');
    expect(fromA.filter((o) => o.status !== 201)).toEqual([]);
    expect(outcomes.filter((o) => o.node === 'B').every((o) => o.status === 201 || o.status === null)).toBe(true);
    expect(outcomes.filter((o) => o.node === 'B').at(-1)?.status).toBeNull(); // nobody answers on B's port now

    await nodes.splice(nodes.indexOf(webB), 1)[0]!.stop();
    webB = await startNode('web', env, PORT_B);
    nodes.push(webB);
    expect((await post(webB.url!, 'B')).status).toBe(201);
    await expectStoredExactlyOnce(outcomes);
  }, 150_000);

  it("the app's database connections terminated by an administrator during intake: 503 with Retry-After or 201, never a 500, and service resumes", async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_SUPERUSER_DATABASE_URL });
    await admin.connect();
    let done = false;
    const running = stream([{ url: webA.url!, name: 'A' }, { url: webB.url!, name: 'B' }], 3, () => done);
    let terminated = 0;
    try {
      await sleep(1_000);
      for (let i = 0; i < 5; i++) {
        // Every connection of the app role to this database: both web nodes' pools and both workers'.
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`,
        );
        terminated += rowCount ?? 0;
        await sleep(400);
      }
    } finally {
      done = true;
      await admin.end();
    }
    const outcomes = await running;
    expect(terminated).toBeGreaterThan(0);
    const unexpected = outcomes.filter((o) => o.status !== 201 && !(o.status === 503 && Number(o.retryAfter) > 0));
    expect(unexpected).toEqual([]);
    for (const node of [webA, webB]) expect((await post(node.url!, node.name)).status).toBe(201);
    await expectStoredExactlyOnce(outcomes);
  }, 120_000);

  it("a burst at the shared window's edge on one node: the new window's whole limit is accepted there, and not one more on either node", async () => {
    const ip = '198.18.77.1';
    const send = (node: AppNode) => post(node.url!, node.name, { ...newReport(false), ip });
    // Node B opens the shared window; node A's memory window opens later, with nine points.
    expect((await send(webB)).status).toBe(201);
    for (let i = 0; i < 9; i++) expect((await send(webA)).status).toBe(201);
    // The shared window ends (the database's clock) while node A's memory still counts nine.
    await getPrisma().$executeRaw`UPDATE rate_limit_counters SET expires_at = now() WHERE points >= 10`;
    const burst = await Promise.all(Array.from({ length: 10 }, () => send(webA)));
    expect(burst.map((o) => o.status)).toEqual(Array(10).fill(201));
    for (const node of [webA, webB]) {
      const refused = await send(node);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    }
  }, 60_000);

  it('a worker killed with SIGKILL while a slow receiver holds its delivery: the other worker delivers every decision, once per attempt, in order', async () => {
    const receiverPort = Number(new URL(receiver.url).port);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    receiver.setResponder(async () => {
      if (!first) return 200;
      first = false;
      await held; // the first delivery hangs until its worker is dead
      return 200;
    });
    const kase = await createCaseForDecisions();
    for (let seq = 1; seq <= 3; seq++) await decide(kase, seq);
    await waitUntil('the first delivery to reach the receiver', async () => receiver.received.length > 0, 60_000);

    // The worker holding that delivery: the process with a connection open to the receiver.
    const sockets = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${receiverPort} )`], { encoding: 'utf8' });
    const holders = [...new Set([...sockets.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))];
    expect(holders).toHaveLength(1);
    const group = Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(holders[0])], { encoding: 'utf8' }).trim());
    const victim = workers.find((w) => w.pid === group)!;
    expect(victim).toBeDefined();
    process.kill(-victim.pid, 'SIGKILL');
    release();

    const prisma = getPrisma();
    await waitUntil(
      'every decision delivered',
      async () => (await prisma.outboxEvent.count({ where: { caseId: kase.caseId, status: { not: 'delivered' } } })) === 0,
      90_000,
    );
    const events = await prisma.outboxEvent.findMany({ where: { caseId: kase.caseId }, orderBy: { id: 'asc' }, select: { idempotencyKey: true, attempts: true } });
    const ours = receiver.received.filter((d) => d.body.includes(kase.caseId));
    expect(ours.every((d) => d.signatureOk)).toBe(true);
    for (const event of events) {
      expect(ours.filter((d) => d.key === event.idempotencyKey).length).toBeLessThanOrEqual(event.attempts);
    }
    // In order: each decision first arrived after the one before it was applied.
    const firstArrival = events.map((e) => ours.findIndex((d) => d.key === e.idempotencyKey));
    expect(firstArrival.every((i) => i >= 0)).toBe(true);
    expect([...firstArrival].sort((a, b) => a - b)).toEqual(firstArrival);
    expect(events.map((e) => (JSON.parse(receiver.applied.get(e.idempotencyKey)!) as { details: { seq: number } }).details.seq)).toEqual([1, 2, 3]);
  }, 150_000);

  it('a worker that died holding the audit-checkpoint lease holds checkpoints up only until the lease lapses; then the other worker writes them', async () => {
    const prisma = getPrisma();
    // What a worker killed while writing a checkpoint leaves behind: its lease, held by a process
    // that no longer exists (the real lease lasts a minute; this one four seconds).
    const [{ expiresAt }] = await prisma.$queryRaw<[{ expiresAt: Date }]>`
      INSERT INTO worker_leases (name, holder, expires_at) VALUES ('audit-checkpoint', 'killed-host:1:dead/dead', now() + interval '4 seconds')
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      RETURNING expires_at AS "expiresAt"`;
    expect((await post(webA.url!, 'A')).status).toBe(201); // a new audit entry: a head no checkpoint holds yet
    let head = 0n;
    await waitUntil('the new entry sealed', async () => {
      const [row] = await prisma.$queryRaw<[{ seq: bigint | null; unsealed: bigint }]>`
        SELECT (SELECT max(seq) FROM audit_seals) AS seq,
               (SELECT count(*) FROM audit_entries e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)) AS unsealed`;
      head = row.seq ?? 0n;
      return row.unsealed === 0n;
    });
    const dir = process.env.AUDIT_CHECKPOINT_DIR!;
    const checkpoints = async () => {
      const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.jsonl'));
      const lines = (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('').split('\n').filter(Boolean);
      return lines.map((l) => JSON.parse(l) as { seq: string; at: string });
    };
    await waitUntil('a checkpoint of the new head', async () => (await checkpoints()).some((c) => BigInt(c.seq) >= head), 60_000);
    const written = (await checkpoints()).filter((c) => BigInt(c.seq) >= head);
    // Written by a worker that took the lease after it lapsed, and once: a head is not written twice.
    expect(new Date(written[0]!.at).getTime()).toBeGreaterThanOrEqual(expiresAt.getTime() - 1_000);
    expect(new Set(written.map((c) => c.seq)).size).toBe(written.length);
  }, 90_000);

  it.skipIf(!pgbouncerBinary)('PgBouncer killed with SIGKILL and restarted during intake: 503 with Retry-After meanwhile, never a 500 or a hang, and intake resumes', async () => {
    const direct = process.env.DATABASE_URL!;
    const databases = [{ name: 'tc', target: new URL(direct), connectQuery: 'SET statement_timeout = 5000' }];
    let bouncer = await startPgbouncer({ databases, users: [TEST_ROLES.app], poolSize: 4 });
    try {
      const webC = await startNode('web', { ...env, DATABASE_URL: bouncer.urlFor('tc', TEST_ROLES.app), DATABASE_DIRECT_URL: direct }, PORT_C);
      nodes.push(webC);
      let done = false;
      const running = stream([{ url: webC.url!, name: 'C' }], 4, () => done, true);
      try {
        await sleep(1_500);
        await bouncer.kill();
        await sleep(2_000);
        bouncer = await startPgbouncer({ databases, users: [TEST_ROLES.app], poolSize: 4, port: bouncer.port });
        await waitUntil('intake through the new PgBouncer', async () => (await post(webC.url!, 'C')).status === 201, 60_000);
        await sleep(1_000);
      } finally {
        done = true;
      }
      const outcomes = await running;
      const unexpected = outcomes.filter((o) => o.status !== 201 && !(o.status === 503 && Number(o.retryAfter) > 0));
      expect(unexpected).toEqual([]);
      expect(outcomes.filter((o) => o.status === 503).length).toBeGreaterThan(0);
      expect(outcomes.at(-1)?.status).toBe(201);
      await expectStoredExactlyOnce(outcomes);
      // A 503 may still hide a report committed as the pooler died, if it could not be seen before the
      // answer: a platform's retry with the same Idempotency-Key settles it, one report each.
      const retried: Outcome[] = [];
      for (const o of outcomes.filter((o) => o.status !== 201)) retried.push(await post(webC.url!, 'C', o));
      expect(retried.filter((o) => o.status !== 201)).toEqual([]);
      const handles = outcomes.map((o) => o.handle);
      const perAccount = await getPrisma().report.groupBy({ by: ['accountId'], where: { account: { handle: { in: handles } } }, _count: true });
      expect(perAccount).toHaveLength(handles.length);
      expect(perAccount.every((g) => g._count === 1)).toBe(true);
    } finally {
      await bouncer.stop();
    }
  }, 150_000);

  it('leaves an audit chain that verifies with no entry sealed twice, after the kills', async () => {
    const prisma = getPrisma();
    await waitUntil('every audit entry sealed', async () => {
      const [{ n }] = await prisma.$queryRaw<[{ n: bigint }]>`
        SELECT count(*) AS n FROM audit_entries e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)`;
      return n === 0n;
    }, 60_000);
    const [{ twice }] = await prisma.$queryRaw<[{ twice: bigint }]>`
      SELECT count(*) AS twice FROM (SELECT entry_id FROM audit_seals GROUP BY entry_id HAVING count(*) > 1) d`;
    expect(twice).toBe(0n);
    expect(await verifyAuditChain(prisma)).toMatchObject({ status: 'intact' });
  }, 90_000);
});
