import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { createCaseForDecisions, decide } from '../factories/decisions';
import { startWebhookReceiver } from '../factories/webhook-receiver';

// The real worker (scripts/worker.ts, graphile-worker inside) in a child process, killed with
// SIGKILL while deliveries are in flight, then restarted.
const prisma = getPrisma();
const root = path.resolve(import.meta.dirname, '../..');
const secret = 'whsec-crash-test-0123456789-abcdefghij';
const CASES = 4;
const PER_CASE = 6;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver(secret);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await receiver.close();
});

function startWorker(env: Record<string, string>) {
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild that a
  // SIGKILL of the CLI would leave running.
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, output: () => output };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; worker output:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('worker crash mid-delivery', () => {
  it('delivers every decision exactly once by idempotency key across a SIGKILL, in per-case order', async () => {
    const cases = [];
    for (let c = 0; c < CASES; c++) cases.push(await createCaseForDecisions());
    for (let i = 0; i < PER_CASE; i++) for (const kase of cases) await decide(kase, i);
    const rows = await prisma.outboxEvent.findMany({ orderBy: { id: 'asc' }, select: { id: true, caseId: true, idempotencyKey: true } });
    expect(rows).toHaveLength(CASES * PER_CASE);

    // 1. No webhook URL: the worker runs its other tasks and attempts nothing.
    const idle = startWorker({ PLATFORM_WEBHOOK_URL: '', PLATFORM_WEBHOOK_SECRET: '' });
    await until('the worker to start', () => idle.output().includes('decisions wait for platforms to poll'), 60_000, idle.output);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    idle.child.kill('SIGTERM');
    await idle.exited;
    expect(await prisma.outboxEvent.count({ where: { OR: [{ status: { not: 'pending' } }, { attempts: { not: 0 } }] } })).toBe(0);
    expect(receiver.received).toHaveLength(0);

    // 2. With the webhook: a few quick answers, then the receiver stalls; kill the worker mid-delivery.
    const held: (() => void)[] = [];
    let answered = 0;
    receiver.setResponder(() => (++answered <= 6 ? 200 : new Promise<number>((resolve) => held.push(() => resolve(200)))));
    const env = { PLATFORM_WEBHOOK_URL: receiver.url, PLATFORM_WEBHOOK_SECRET: secret, WEBHOOK_MAX_ATTEMPTS: '8' };
    const first = startWorker(env);
    await until('deliveries in flight', () => receiver.inFlight.size >= 2, 60_000, first.output);
    const inFlightAtKill = new Set(receiver.inFlight);
    first.child.kill('SIGKILL');
    await first.exited;
    const receivedBeforeRestart = receiver.received.length;
    // Not one of the interrupted deliveries is marked delivered: that needs a 2xx the worker never saw.
    const interrupted = await prisma.outboxEvent.findMany({ where: { idempotencyKey: { in: [...inFlightAtKill] } } });
    expect(interrupted.map((r) => r.status)).toEqual([...inFlightAtKill].map(() => 'pending'));
    // The receiver finishes the stalled requests (and applies them) after the sender is gone.
    receiver.setResponder(() => 200);
    for (const release of held) release();

    // 3. Restart: leases run out (15 s) and the same keys are sent again.
    const second = startWorker(env);
    await until('every decision delivered', async () => (await prisma.outboxEvent.count({ where: { status: 'delivered' } })) === rows.length, 90_000, second.output);
    second.child.kill('SIGTERM');
    await second.exited;

    // Exactly once by key: every decision applied once, none unknown, every signature valid.
    const allKeys = rows.map((r) => r.idempotencyKey);
    expect([...receiver.applied.keys()].sort()).toEqual([...allKeys].sort());
    expect(receiver.received.every((r) => r.signatureOk)).toBe(true);
    expect(receiver.received.every((r) => allKeys.includes(r.key))).toBe(true);

    // Transport duplicates happened, only for deliveries cut off by the crash, and were deduped.
    const counts = new Map<string, number>();
    for (const r of receiver.received) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
    const sentBeforeKill = new Set(receiver.received.slice(0, receivedBeforeRestart).map((r) => r.key));
    for (const key of inFlightAtKill) expect(counts.get(key), key).toBeGreaterThanOrEqual(2);
    for (const key of duplicated) expect(sentBeforeKill.has(key), key).toBe(true);
    expect(Math.max(...counts.values())).toBe(2);

    // Per-case order: each case's decisions were first received and applied in id order.
    const firstArrival = [...new Set(receiver.received.map((r) => r.key))];
    const applied = [...receiver.applied.keys()];
    for (const kase of cases) {
      const expected = rows.filter((r) => r.caseId === kase.caseId).map((r) => r.idempotencyKey);
      expect(firstArrival.filter((k) => expected.includes(k))).toEqual(expected);
      expect(applied.filter((k) => expected.includes(k))).toEqual(expected);
    }

    const final = await prisma.outboxEvent.findMany({ select: { status: true, attempts: true, idempotencyKey: true } });
    expect(final.every((r) => r.status === 'delivered' && r.attempts >= 1)).toBe(true);
    for (const r of final) if (inFlightAtKill.has(r.idempotencyKey)) expect(r.attempts).toBeGreaterThanOrEqual(2);
    console.info(
      `[crash test] ${rows.length} decisions; ${inFlightAtKill.size} in flight at SIGKILL; ` +
        `${receiver.received.length} requests received; ${duplicated.length} keys received twice; ${receiver.applied.size} applied once each`,
    );
  }, 180_000);
});
