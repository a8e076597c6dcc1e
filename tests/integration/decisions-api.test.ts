import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/decisions/route';
import { getPrisma } from '@/lib/db';
import { createApiKey } from '@/lib/platform/create-api-key';
import { enqueueDecision } from '@/lib/platform/outbox';
import { revokeApiKey } from '@/lib/platform/revoke-api-key';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { createAdmin, createCaseForDecisions, decide } from '../factories/decisions';

const prisma = getPrisma();
let admin: StaffPrincipal;

function poll(query: string, authorization?: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/v1/decisions${query}`, { headers: authorization ? { authorization } : {} }));
}

beforeAll(async () => {
  admin = await createAdmin();
});

describe('API keys (admin)', () => {
  it('stores only the hash, shows the key once, and audits creation and revocation in the same transaction', async () => {
    const created = await createApiKey({ name: 'Trust & Safety sync', scopes: ['decisions:read'], actor: admin });
    expect(created.key).toMatch(/^tc_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.key.slice(12));
    expect(row.createdById).toBe(admin.id);

    await revokeApiKey({ apiKeyId: created.id, actor: admin });
    await expect(revokeApiKey({ apiKeyId: created.id, actor: admin })).rejects.toMatchObject({ code: 'conflict' });

    const audit = await prisma.auditEntry.findMany({ where: { entityId: created.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.event, a.actorType, a.actorId])).toEqual([
      ['apikey.created', 'staff', admin.id],
      ['apikey.revoked', 'staff', admin.id],
    ]);
    expect(audit[0]?.payload).toEqual({ apiKeyId: created.id, name: 'Trust & Safety sync', prefix: created.prefix, scopes: ['decisions:read'] });
    expect(JSON.stringify(audit.map((a) => a.payload))).not.toContain(created.key.slice(12));
  });

  it('writes nothing when the audit entry cannot be written', async () => {
    const before = await prisma.apiKey.count();
    // An unknown scope fails the audit schema inside the transaction: the key must not survive.
    await expect(createApiKey({ name: 'x', scopes: ['everything' as 'decisions:read'], actor: admin })).rejects.toThrow();
    expect(await prisma.apiKey.count()).toBe(before);
  });
});

describe('GET /api/v1/decisions', () => {
  it('refuses missing, malformed, unknown, revoked and under-scoped keys with clear errors', async () => {
    const reader = await createApiKey({ name: 'reader', scopes: ['decisions:read'], actor: admin });
    const writer = await createApiKey({ name: 'writer', scopes: ['reports:write'], actor: admin });
    const revoked = await createApiKey({ name: 'old', scopes: ['decisions:read'], actor: admin });
    await revokeApiKey({ apiKeyId: revoked.id, actor: admin });

    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'unauthorised'],
      ['Basic dXNlcjpwYXNz', 401, 'unauthorised'],
      [`Bearer ${reader.key.slice(0, -1)}x`, 401, 'unauthorised'],
      [`Bearer ${revoked.key}`, 401, 'unauthorised'],
      [`Bearer ${writer.key}`, 403, 'forbidden'],
    ];
    for (const [authorization, status, error] of cases) {
      const response = await poll('', authorization);
      expect(response.status, String(authorization)).toBe(status);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe(error);
      expect(body.message.length).toBeGreaterThan(10);
    }
    expect(((await (await poll('', `Bearer ${writer.key}`)).json()) as { message: string }).message).toContain('decisions:read');

    const ok = await poll('', `Bearer ${reader.key}`);
    expect(ok.status).toBe(200);
    const used = await prisma.apiKey.findUniqueOrThrow({ where: { id: reader.id }, select: { lastUsedAt: true } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('pages through every decision in id order with an opaque cursor, then waits at the end', async () => {
    const { key } = await createApiKey({ name: 'poller', scopes: ['decisions:read', 'reports:write'], actor: admin });
    const auth = `Bearer ${key}`;
    const start = (await (await poll('?limit=500', auth)).json()) as { nextCursor: string | null };
    const kase = await createCaseForDecisions();
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await decide(kase, i));

    type Page = { decisions: { id: string; idempotencyKey: string; type: string; caseId: string; details: { seq: number } }[]; nextCursor: string };
    const seen: Page['decisions'] = [];
    let cursor = start.nextCursor;
    for (let pages = 0; pages < 10; pages++) {
      const response = await poll(`?limit=3${cursor ? `&after=${cursor}` : ''}`, auth);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      expect(page.decisions.length).toBeLessThanOrEqual(3);
      seen.push(...page.decisions);
      if (page.decisions.length === 0) {
        expect(page.nextCursor).toBe(cursor); // nothing new: keep polling from the same place
        break;
      }
      cursor = page.nextCursor;
    }
    expect(seen.map((d) => d.id)).toEqual(made.map((m) => m.id.toString()));
    expect(seen.map((d) => d.details.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const keys = await prisma.outboxEvent.findMany({ where: { caseId: kase.caseId }, orderBy: { id: 'asc' }, select: { idempotencyKey: true } });
    expect(seen.map((d) => d.idempotencyKey)).toEqual(keys.map((k) => k.idempotencyKey));
    expect(seen[0]).toMatchObject({ version: 1, type: 'account.suspended', caseId: kase.caseId, caseNumber: kase.caseNumber });

    const late = await decide(kase, 7, 'account.reinstated');
    const next = (await (await poll(`?after=${cursor}`, auth)).json()) as Page;
    expect(next.decisions.map((d) => [d.id, d.type])).toEqual([[late.id.toString(), 'account.reinstated']]);
  });

  it('cannot skip a decision that commits late: outbox rows commit in id order', async () => {
    const kase = await createCaseForDecisions();
    const early = await decide(kase, 0);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A holds id N uncommitted; B, started later, must not commit N+1 before A commits.
    const a = prisma.$transaction(async (tx) => {
      const id = await enqueueDecision(tx, { ...early.message, details: { seq: 1 } });
      await gate;
      return id;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    let bDone = false;
    const b = decide(kase, 2).then((r) => ((bDone = true), r));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bDone).toBe(false);
    const visible = await prisma.outboxEvent.count({ where: { id: { gt: early.id } } });
    expect(visible).toBe(0); // a poller now would see neither, rather than B without A
    release();
    const [idA, { id: idB }] = await Promise.all([a, b]);
    expect(idA).toBeLessThan(idB);
  });

  it('answers 400 for a cursor it did not issue or a limit out of range', async () => {
    const { key } = await createApiKey({ name: 'bad-query', scopes: ['decisions:read'], actor: admin });
    for (const query of ['?after=12', '?limit=501', '?limit=0', '?limit=abc']) {
      const response = await poll(query, `Bearer ${key}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
    }
  });
});
