import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { claimDueEvents } from '@/lib/platform/claim-due-events';
import { deliverOutboxEvent } from '@/lib/platform/deliver-outbox-event';
import { retryDeadLetter } from '@/lib/platform/retry-dead-letter';
import { createAdmin, createCaseForDecisions, decide } from '../factories/decisions';
import { startWebhookReceiver } from '../factories/webhook-receiver';

// In-process: the claim and delivery functions the worker's graphile jobs call, one step at a time.
const prisma = getPrisma();
const secret = 'whsec-integration-0123456789-abcdefgh';
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let admin: StaffPrincipal;

beforeAll(async () => {
  receiver = await startWebhookReceiver(secret);
  admin = await createAdmin();
});
afterAll(() => receiver.close());

const target = (maxAttempts = 8) => ({ url: receiver.url, secret, maxAttempts });
const makeDue = () => prisma.$executeRawUnsafe(`UPDATE outbox_events SET next_attempt_at = now() WHERE status = 'pending'`);
const row = (id: bigint) => prisma.outboxEvent.findUniqueOrThrow({ where: { id } });

/** Claims what is due and delivers it, as the worker would; returns the ids attempted. */
async function tick(maxAttempts = 8): Promise<bigint[]> {
  const claimed = await claimDueEvents(prisma);
  for (const c of claimed) await deliverOutboxEvent(c, target(maxAttempts), { random: () => 0 });
  return claimed.map((c) => c.id);
}

describe('webhook delivery', () => {
  it('posts the DecisionMessage, signed, with the row idempotency key; marks it delivered after a 2xx', async () => {
    receiver.setResponder(() => 204);
    const kase = await createCaseForDecisions();
    const { id, message } = await decide(kase, 0);
    expect(await tick()).toEqual([id]);
    const delivered = await row(id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    expect(delivered.deliveredAt).not.toBeNull();
    const got = receiver.received.filter((r) => r.key === delivered.idempotencyKey);
    expect(got).toHaveLength(1);
    expect(got[0]?.signatureOk).toBe(true);
    expect(JSON.parse(got[0]!.body)).toEqual(message);
    expect(await tick()).toEqual([]); // nothing left to do
  });

  it('claims only the first undelivered event of each case, so a case is delivered in order', async () => {
    receiver.setResponder(() => 200);
    const [a, b] = [await createCaseForDecisions(), await createCaseForDecisions()];
    const ids = { a: [] as bigint[], b: [] as bigint[] };
    for (let i = 0; i < 3; i++) {
      ids.a.push((await decide(a, i)).id);
      ids.b.push((await decide(b, i)).id);
    }
    const rounds: bigint[][] = [];
    for (let r = 0; r < 4; r++) rounds.push(await tick());
    expect(rounds).toEqual([[ids.a[0], ids.b[0]], [ids.a[1], ids.b[1]], [ids.a[2], ids.b[2]], []]);
  });

  it('retries with backoff, dead-letters after the last attempt, holds the case behind it, and an admin retry requeues it (audited)', async () => {
    receiver.setResponder(() => 503);
    const kase = await createCaseForDecisions();
    const first = await decide(kase, 0);
    const second = await decide(kase, 1, 'account.reinstated');

    expect(await tick(3)).toEqual([first.id]);
    let r = await row(first.id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503' });
    const waitMs = r.nextAttemptAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(10_000); // 15 s: half of the first 30 s step (random = 0)
    expect(waitMs).toBeLessThanOrEqual(16_000);
    expect(await tick(3)).toEqual([]); // not due yet

    for (const attempt of [2, 3]) {
      await makeDue();
      expect(await tick(3)).toEqual([first.id]); // never the second event while the first is undelivered
      expect((await row(first.id)).attempts).toBe(attempt);
    }
    r = await row(first.id);
    expect(r).toMatchObject({ status: 'dead', attempts: 3, lastError: 'HTTP 503' });
    await makeDue();
    expect(await tick(3)).toEqual([]); // the dead head holds back the case's later event
    expect(await row(second.id)).toMatchObject({ status: 'pending', attempts: 0 });

    await retryDeadLetter({ outboxId: first.id, actor: admin });
    await expect(retryDeadLetter({ outboxId: first.id, actor: admin })).rejects.toMatchObject({ code: 'conflict' });
    expect(await row(first.id)).toMatchObject({ status: 'pending', attempts: 0 });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'outbox.retried', entityId: first.id.toString() } });
    expect(audit).toMatchObject({ actorType: 'staff', actorId: admin.id, caseId: kase.caseId });
    expect(audit.payload).toEqual({ outboxId: first.id.toString(), type: 'account.suspended', attempts: 3, lastError: 'HTTP 503' });

    receiver.setResponder(() => 200);
    expect(await tick(3)).toEqual([first.id]);
    expect(await tick(3)).toEqual([second.id]);
    expect((await row(first.id)).status).toBe('delivered');
    expect((await row(second.id)).status).toBe('delivered');
  });

  it('never follows a redirect', async () => {
    let followed = 0;
    const elsewhere = createServer((_req, res) => {
      followed += 1;
      res.end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const port = (elsewhere.address() as AddressInfo).port;
    const redirecting = createServer((_req, res) => res.writeHead(307, { Location: `http://127.0.0.1:${port}/` }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const { id } = await decide(await createCaseForDecisions(), 0);
      const [claimed] = await claimDueEvents(prisma);
      const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/`;
      expect(await deliverOutboxEvent(claimed!, { url, secret, maxAttempts: 8 })).toBe('retry');
      expect(followed).toBe(0);
      expect(await row(id)).toMatchObject({ status: 'pending', lastError: 'HTTP 307 (redirects are not followed)' });
      await prisma.outboxEvent.update({ where: { id }, data: { status: 'delivered' } }); // out of the way of later tests
    } finally {
      redirecting.close();
      elsewhere.close();
    }
  });

  it('ignores a job whose claim was superseded (stale attempt number) without sending anything', async () => {
    receiver.setResponder(() => 200);
    const { id } = await decide(await createCaseForDecisions(), 0);
    const [claimed] = await claimDueEvents(prisma);
    const before = receiver.received.length;
    expect(await deliverOutboxEvent({ id, attempt: claimed!.attempt - 1 }, target())).toBe('stale');
    expect(receiver.received.length).toBe(before);
    expect(await deliverOutboxEvent(claimed!, target())).toBe('delivered');
    expect(await deliverOutboxEvent(claimed!, target())).toBe('stale'); // already settled
  });
});
