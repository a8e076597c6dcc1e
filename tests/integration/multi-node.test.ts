// Issue 13, requirement 3: two web nodes and two workers, separate processes started with
// `npm start -- --role web|worker`, nothing shared but this file's PostgreSQL database. Reports go to
// both nodes; the per-source limit, the one case per account, the claims, webhook delivery and the
// audit chain must hold as they do on one machine.
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify';
import { ACCOUNT_FREE_FAILURES } from '@/lib/auth/throttle-rules';
import { getPrisma } from '@/lib/db';
import { createApiKey } from '@/lib/platform/create-api-key';
import { ensureBuild } from '@/scripts/bench/lib/app-under-test';
import { startNode, type AppNode } from '../factories/app-nodes';
import { createStaffPrincipal } from '../factories/cases';
import { createCaseForDecisions, decide } from '../factories/decisions';
import { reportBody } from '../factories/requests';
import { createSignInStaff, type TestStaff } from '../factories/staff';
import { startWebhookReceiver } from '../factories/webhook-receiver';

// Ports of this test's block; MULTI_NODE_PORTS overrides ("3300,3301").
const [PORT_A, PORT_B] = (process.env.MULTI_NODE_PORTS ?? '3300,3301').split(',').map(Number) as [number, number];
const WEBHOOK_SECRET = randomBytes(32).toString('hex');

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const nodes: AppNode[] = [];
let webA: AppNode;
let webB: AppNode;
let browser: Browser | undefined;

beforeAll(async () => {
  receiver = await startWebhookReceiver(WEBHOOK_SECRET);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_OWNER_URL: process.env.TEST_OWNER_DATABASE_URL,
    TRUST_PROXY: '1',
    PLATFORM_WEBHOOK_URL: receiver.url,
    PLATFORM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    AUDIT_CHECKPOINT_SECONDS: '5',
    DATABASE_POOL_SIZE: '4', // four processes on the shared test cluster, beside other files' connections
  };
  await ensureBuild(env);
  // One at a time: each start checks the schema and re-grants the app role, and concurrent GRANTs
  // on one object can fail with "tuple concurrently updated".
  webA = await startNode('web', env, PORT_A);
  nodes.push(webA);
  webB = await startNode('web', env, PORT_B);
  nodes.push(webB);
  nodes.push(await startNode('worker', env));
  nodes.push(await startNode('worker', env));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await receiver?.close();
}, 60_000);

function post(node: AppNode, body: unknown, ip: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${node.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers },
    body: JSON.stringify(body),
  });
}

async function signIn(page: Page, node: AppNode, staff: TestStaff): Promise<void> {
  await page.goto(`${node.url}/sign-in?next=%2Fconsole`);
  await page.getByLabel('E-mail address').fill(staff.email);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/console', { timeout: 30_000 });
}

describe('two web nodes and two workers on one database', () => {
  it('holds the per-source limit across both nodes: ten a minute in all, not ten each', async () => {
    const ip = '203.0.113.50';
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(i % 2 ? webB : webA, reportBody(), ip)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    for (const r of responses.filter((r) => r.status === 429)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    // Both nodes refused some: each on its own would have let ten through.
    expect(new Set(responses.map((r, i) => (r.status === 429 ? i % 2 : -1)).filter((n) => n >= 0))).toEqual(new Set([0, 1]));
  });

  it("holds a platform's per-API-key limit across both nodes, whatever addresses its requests come from", async () => {
    const admin = await createStaffPrincipal('admin');
    const { key } = await createApiKey({ name: `multi-node-${randomBytes(3).toString('hex')}`, scopes: ['reports:write'], actor: admin });
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post(i % 2 ? webB : webA, reportBody(), `198.51.100.${i + 1}`, { authorization: `Bearer ${key}` })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(14);
  });

  it('keeps idempotency keys across nodes: a retry on the other node, or both at once, stores one report', async () => {
    const body = reportBody();
    const headers = { 'idempotency-key': `multi-node-${randomBytes(6).toString('hex')}` };
    const first = await post(webA, body, '198.18.200.1', headers);
    const retry = await post(webB, body, '198.18.200.1', headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = (await Promise.all([first.json(), retry.json()])) as { reference: string }[];
    expect(b!.reference).toBe(a!.reference);

    const racing = { 'idempotency-key': `multi-node-race-${randomBytes(6).toString('hex')}` };
    const raced = await Promise.all([post(webA, body, '198.18.201.1', racing), post(webB, body, '198.18.201.1', racing)]);
    expect(raced.map((r) => r.status)).toEqual([201, 201]);
    const references = new Set(((await Promise.all(raced.map((r) => r.json()))) as { reference: string }[]).map((r) => r.reference));
    expect(references.size).toBe(1);
    expect(await getPrisma().report.count({ where: { idempotencyKey: { endsWith: racing['idempotency-key'] } } })).toBe(1);
  });

  it('honours a session made on one node on the other, and signing out on either ends it on both', async () => {
    const staff = await createSignInStaff();
    browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    const context = await browser.newContext(); // cookies ignore the port: one cookie jar for both nodes
    const page = await context.newPage();
    await signIn(page, webA, staff);
    const signedInCookies = await context.cookies();
    await page.goto(`${webB.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console');
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: 30_000 });
    // Signed out on node B; the old cookie, put back and replayed at node A, is refused too (the
    // staff_sessions row is revoked, not just the cookie).
    expect(await getPrisma().staffSession.count({ where: { staffId: staff.id, revokedAt: null } })).toBe(0);
    await context.addCookies(signedInCookies);
    await page.goto(`${webA.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  }, 120_000);

  it('counts failed sign-ins on both nodes against one account: locked after the free failures, on either node', async () => {
    const staff = await createSignInStaff();
    browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    const context = await browser.newContext();
    const page = await context.newPage();
    const attempt = async (node: AppNode, password: string) => {
      await page.goto(`${node.url}/sign-in?next=%2Fconsole`);
      await page.getByLabel('E-mail address').fill(staff.email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
    };
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) await attempt(i % 2 ? webB : webA, `wrong password ${i}`);
    const row = await getPrisma().staff.findUniqueOrThrow({ where: { id: staff.id }, select: { failedAttempts: true, lockedUntil: true } });
    expect(row.failedAttempts).toBe(ACCOUNT_FREE_FAILURES);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // The right password, on the node that saw fewer failures, is still refused while the lock holds.
    await attempt(webB, staff.password);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await getPrisma().staffSession.count({ where: { staffId: staff.id } })).toBe(0);
    await context.close();
  }, 120_000);

  it('files reports about one account from both nodes in one case with the right counts', async () => {
    const handle = `multi_node_${randomBytes(3).toString('hex')}`;
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post(i % 2 ? webB : webA, reportBody({ account: { handle } }), `198.18.${i}.1`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(201));
    const cases = await getPrisma().case.findMany({
      where: { account: { handle } },
      select: { reportCount: true, distinctReporters: true, closedAt: true },
    });
    expect(cases).toEqual([{ reportCount: 24, distinctReporters: 24, closedAt: null }]);
  });

  it('never lets two moderators on different nodes hold one case', async () => {
    for (let i = 0; i < 3; i++) expect((await post(webA, reportBody(), `198.19.${i}.1`)).status).toBe(201);
    const [one, two] = [await createSignInStaff(), await createSignInStaff()];
    browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    // A context each (newPage opens one): each moderator's session cookie is their own (cookies ignore the port).
    const [pageA, pageB] = await Promise.all([browser.newPage(), browser.newPage()]);
    await Promise.all([signIn(pageA, webA, one), signIn(pageB, webB, two)]);
    await Promise.all([pageA, pageB].map((p) => p.getByRole('button', { name: /Next case/ }).first().click()));
    await Promise.all([pageA, pageB].map((p) => p.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 })));
    const caseOf = (p: Page) => new URL(p.url()).pathname.split('/').pop()!;
    expect(caseOf(pageA)).not.toBe(caseOf(pageB));
    const held = await getPrisma().case.findMany({
      where: { assigneeId: { in: [one.id, two.id] }, status: 'in_review' },
      select: { id: true, assigneeId: true },
    });
    expect(held.map((c) => c.assigneeId).sort()).toEqual([one.id, two.id].sort());
    expect(new Set(held.map((c) => c.id))).toEqual(new Set([caseOf(pageA), caseOf(pageB)]));
  }, 120_000);

  it('delivers each decision to the webhook once, in order per case, with two workers running', async () => {
    const cases = [await createCaseForDecisions(), await createCaseForDecisions(), await createCaseForDecisions()];
    const sent: string[] = [];
    for (let seq = 1; seq <= 4; seq++) for (const kase of cases) sent.push((await decide(kase, seq)).message.caseId);
    const deadline = Date.now() + 60_000;
    const ours = () => receiver.received.filter((d) => cases.some((k) => d.body.includes(k.caseId)));
    while (ours().length < sent.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 2_000)); // a second delivery, if there were one, would arrive now
    const delivered = ours();
    expect(delivered.every((d) => d.signatureOk)).toBe(true);
    // Every attempt succeeded at once, so once per attempt means once.
    expect(delivered).toHaveLength(12);
    expect(new Set(delivered.map((d) => d.key)).size).toBe(12);
    for (const kase of cases) {
      const seqs = delivered
        .map((d) => JSON.parse(d.body) as { caseId: string; details: { seq: number } })
        .filter((m) => m.caseId === kase.caseId)
        .map((m) => m.details.seq);
      expect(seqs).toEqual([1, 2, 3, 4]);
    }
  }, 90_000);

  it('leaves an audit chain that verifies, sealed by whichever worker got there', async () => {
    const prisma = getPrisma();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [{ n }] = await prisma.$queryRaw<[{ n: bigint }]>`
        SELECT count(*) AS n FROM audit_entries e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)`;
      if (n === 0n) break;
      if (Date.now() > deadline) throw new Error(`${n} audit entries still unsealed`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const result = await verifyAuditChain(prisma);
    expect(result).toMatchObject({ status: 'intact' });
  }, 90_000);
});
