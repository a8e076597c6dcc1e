import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import type { AccountLinkReason } from '@/lib/generated/prisma/enums';
import { linkQueuedReports, refreshNetworkSizesUntilDone } from '@/lib/networks/compute-account-links';
import { IP_LINK_DETAIL } from '@/lib/networks/evidence';
import { createApiKey } from '@/lib/platform/create-api-key';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput, type TReportInput } from '@/lib/reports/schema';
import { createStaffPrincipal } from '../factories/cases';

const prisma = getPrisma();
let apiClientId: string;

async function asOwner<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_OWNER_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const admin = await createStaffPrincipal('admin');
  apiClientId = (await createApiKey({ name: 'links-platform', scopes: ['reports:write'], actor: admin })).id;
});

/** Files one report from a platform (so platform facts are allowed) and returns its account's id. */
async function report(handle: string, extra: Partial<TReportInput> = {}): Promise<string> {
  const input = ZReportInput.parse({ account: { handle }, category: 'child_sexual_imagery', description: 'Shares abuse material.', ...extra });
  const source = randomUUID();
  const accepted = await acceptReport(input, { channel: 'api', sourceHash: `src-${source}`, reporterFingerprint: `fp-${source}`, apiClientId });
  return (await prisma.case.findUniqueOrThrow({ where: { id: accepted.caseId! }, select: { accountId: true } })).accountId;
}

/** Runs the worker's pass (link batches, then size refreshes) until nothing waits; returns the links made. */
async function drain(options: Parameters<typeof linkQueuedReports>[1] = {}) {
  let links = 0;
  await linkQueuedReports(prisma, { ...options, onBatch: (r) => (links += r.linksAdded) });
  return links;
}

async function linksBetween(x: string, y: string) {
  const [a, b] = x < y ? [x, y] : [y, x];
  return prisma.accountLink.findMany({ where: { accountAId: a, accountBId: b }, select: { reason: true, detail: true, reportId: true } });
}

const ip = (event: string) => ({ ipAddress: event, eventName: 'Login' as const, dateTime: '2026-11-30T10:00:00Z' });
let n = 0;
const uniq = (prefix: string) => `${prefix}_${++n}_${randomUUID().slice(0, 6)}`;

describe('computeAccountLinks', () => {
  it('links accounts for each of the five reasons, with what they share as the detail', async () => {
    const reasons: [AccountLinkReason, string, string, string][] = [];

    const u1 = await report(uniq('url_a'), { contentUrls: ['https://www.files.example/p/1?utm_source=x'] });
    const u2 = await report(uniq('url_b'), { contentUrls: ['http://files.example/p/1/#top'] });
    reasons.push(['shared_content_url', u1, u2, 'https://files.example/p/1']);

    const h1 = await report(uniq('hash_a'), { mediaHashes: ['MD5:9E107D9D372BB6826BD81D3542A419D6'] });
    const h2 = await report(uniq('hash_b'), { mediaHashes: ['md5:9e107d9d372bb6826bd81d3542a419d6'] });
    reasons.push(['shared_media_hash', h1, h2, 'MD5:9e107d9d372bb6826bd81d3542a419d6']);

    const i1 = await report(uniq('ip_a'), { platformContext: { ipCaptureEvents: [ip('203.0.113.77')] } });
    const i2 = await report(uniq('ip_b'), { platformContext: { ipCaptureEvents: [ip('::ffff:203.0.113.77')] } });
    reasons.push(['shared_ip_hash', i1, i2, IP_LINK_DETAIL]);

    const mentioned = uniq('mentioned');
    const m2 = await report(mentioned);
    const m1 = await report(uniq('mentioner'), { description: `Same person as @${mentioned.toUpperCase()}.` });
    reasons.push(['mentioned_handle', m1, m2, `mentions @${mentioned}`]);

    const old = uniq('old');
    const r1 = await report(old);
    await prisma.reportedAccount.update({ where: { id: r1 }, data: { enforcement: 'suspended' } });
    const r2 = await report(uniq('new'), { platformContext: { replacesAccount: { handle: `@${old}` } } });
    reasons.push(['replaced_account', r1, r2, `replaces @${old}`]);

    await drain();
    for (const [reason, x, y, detail] of reasons) {
      expect(await linksBetween(x, y), reason).toEqual([expect.objectContaining({ reason, detail })]);
    }
    // The replacement's link puts the new account's open case up for rescoring (linked to a suspended account).
    const newCase = await prisma.case.findFirstOrThrow({ where: { accountId: r2, closedAt: null } });
    expect(newCase.rescoreAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(newCase.networkSize).toBe(2);
    // Each batch that linked wrote one system audit entry naming accounts, never what they share.
    const audits = await prisma.auditEntry.findMany({ where: { event: 'networks.linked' } });
    expect(audits.length).toBeGreaterThan(0);
    expect(audits.every((a) => a.actorType === 'system')).toBe(true);
    expect(JSON.stringify(audits.map((a) => a.payload))).not.toContain('files.example');
  });

  it('never stores an IP address in the evidence, the links or their audit entries', async () => {
    const address = '198.51.100.213';
    const v6 = '2001:db8:85a3::8a2e:370:7334';
    const a = await report(uniq('ipcheck_a'), { platformContext: { ipCaptureEvents: [ip(address), ip(v6)] } });
    const b = await report(uniq('ipcheck_b'), { platformContext: { ipCaptureEvents: [ip(address)] } });
    await drain();
    expect(await linksBetween(a, b)).toHaveLength(1);
    const dump = JSON.stringify([
      await prisma.$queryRaw`SELECT * FROM account_evidence`,
      await prisma.$queryRaw`SELECT * FROM account_links`,
      await prisma.$queryRaw`SELECT * FROM account_evidence_keys`,
      await prisma.$queryRaw`SELECT * FROM account_link_queue`,
      await prisma.$queryRaw`SELECT payload FROM audit_entries WHERE event = 'networks.linked'`,
    ]);
    for (const text of [address, v6, '2001:db8', '198.51.100']) expect(dump).not.toContain(text);
  });

  it('stops linking through a piece of evidence held by more accounts than the cut-off', async () => {
    const url = `https://home.example/${uniq('popular')}`;
    const accounts: string[] = [];
    for (let i = 0; i < 3; i++) accounts.push(await report(uniq('cut'), { contentUrls: [url] }));
    await drain({ maxAccountsPerEvidence: 3 });
    const linksFor = async (id: string) => prisma.accountLink.count({ where: { OR: [{ accountAId: id }, { accountBId: id }] } });
    expect(await linksFor(accounts[0]!)).toBe(2); // three holders: linked pairwise

    const fourth = await report(uniq('cut'), { contentUrls: [url] });
    await drain({ maxAccountsPerEvidence: 3 });
    expect(await linksFor(fourth)).toBe(0); // a fourth holder is past the cut-off
    expect(await linksFor(accounts[0]!)).toBe(2); // links made before the cut-off stay
    expect(await prisma.accountEvidence.count({ where: { accountId: fourth } })).toBe(1); // the evidence is still kept
  });

  it('links a later report to evidence recorded by an earlier batch, and a mention to an account reported only later', async () => {
    const hash = `SHA256:${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;
    const early = await report(uniq('early'), { mediaHashes: [hash] });
    const later = uniq('later');
    const mentioner = await report(uniq('mentions_later'), { description: `They also run @${later} and https://social.example/@${later}_alt` });
    await drain();
    expect(await prisma.accountLink.count({ where: { OR: [{ accountAId: early }, { accountBId: early }] } })).toBe(0);

    const late = await report(uniq('late'), { mediaHashes: [hash.toLowerCase().replace('sha256', 'SHA-256')] });
    const laterId = await report(later);
    const alt = await report(`${later}_alt`);
    await drain();
    expect(await linksBetween(early, late)).toEqual([expect.objectContaining({ reason: 'shared_media_hash' })]);
    expect(await linksBetween(mentioner, laterId)).toEqual([expect.objectContaining({ reason: 'mentioned_handle', detail: `mentions @${later}` })]);
    expect(await linksBetween(mentioner, alt)).toEqual([expect.objectContaining({ reason: 'mentioned_handle' })]);
  });

  it('links a replacement named by platform account ID to the account that holds it', async () => {
    const oldId = `pid-${randomUUID()}`;
    const input = ZReportInput.parse({ account: { platformAccountId: oldId }, category: 'grooming', description: 'x' });
    const accepted = await acceptReport(input, { channel: 'api', sourceHash: 's-pid', reporterFingerprint: 'f-pid', apiClientId });
    const old = (await prisma.case.findUniqueOrThrow({ where: { id: accepted.caseId! } })).accountId;
    const next = await report(uniq('by_id'), { platformContext: { replacesAccount: { platformAccountId: oldId } } });
    await drain();
    expect(await linksBetween(old, next)).toEqual([expect.objectContaining({ reason: 'replaced_account', detail: `replaces account ID ${oldId}` })]);
  });

  it('keeps network sizes (accounts within two links) on accounts and their open cases', async () => {
    // A chain a — b — c — d through distinct URLs.
    const tag = uniq('chain');
    const a = await report(`${tag}_a`, { contentUrls: [`https://c.example/${tag}/1`] });
    const b = await report(`${tag}_b`, { contentUrls: [`https://c.example/${tag}/1`, `https://c.example/${tag}/2`] });
    const c = await report(`${tag}_c`, { contentUrls: [`https://c.example/${tag}/2`, `https://c.example/${tag}/3`] });
    const d = await report(`${tag}_d`, { contentUrls: [`https://c.example/${tag}/3`] });
    await drain();
    const size = async (id: string) => (await prisma.reportedAccount.findUniqueOrThrow({ where: { id } })).networkSize;
    expect([await size(a), await size(b), await size(c), await size(d)]).toEqual([3, 4, 4, 3]);
    const caseSize = async (id: string) => (await prisma.case.findFirstOrThrow({ where: { accountId: id, closedAt: null } })).networkSize;
    expect([await caseSize(a), await caseSize(d)]).toEqual([3, 3]);

    // A fifth account sharing URL 3 (linked to c and d): b, c and d grow, a does not (e is three links away from it).
    const e = await report(`${tag}_e`, { contentUrls: [`https://c.example/${tag}/3`] });
    await drain();
    expect([await size(a), await size(b), await size(c), await size(d), await size(e)]).toEqual([3, 5, 5, 4, 4]);
  });

  it('stops a pass once its time budget is spent, leaving the rest for the next pass', async () => {
    for (let i = 0; i < 3; i++) await report(uniq('budget'));
    expect(await linkQueuedReports(prisma, { batchSize: 2, budgetMs: 0 })).toBe(2);
    expect(await linkQueuedReports(prisma, { batchSize: 2, budgetMs: 0 })).toBe(1);
    expect(await prisma.accountLinkQueueItem.count({ where: { reportId: { not: null } } })).toBe(0);
  });

  it('two workers at once miss no link and make no duplicate', async () => {
    // 12 accounts over 3 shared URLs (4 holders each: 6 links per URL), reported before either worker runs.
    const tag = uniq('race');
    const expected = new Set<string>();
    const holders: string[][] = [[], [], []];
    for (let i = 0; i < 12; i++) {
      const group = Math.floor(i / 4); // queued group by group: simultaneous batches hold the same key
      holders[group]!.push(await report(`${tag}_${i}`, { contentUrls: [`https://race.example/${tag}/${group}`] }));
    }
    for (const group of holders) {
      for (const x of group) for (const y of group) if (x < y) expected.add(`${x}|${y}`);
    }
    // Batches of one report, and every evidence insert made to take 50 ms (a trigger added for this
    // test as the database owner): each worker is mid-transaction on a key while the others record it too.
    await asOwner((c) =>
      c.query(`CREATE FUNCTION slow_evidence() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NULL; END $$;
               CREATE TRIGGER slow_evidence AFTER INSERT ON account_evidence FOR EACH STATEMENT EXECUTE FUNCTION slow_evidence();`),
    );
    const worker = () => drain({ batchSize: 1 });
    const made = await Promise.all([worker(), worker(), worker()]).finally(() =>
      asOwner((c) => c.query('DROP TRIGGER slow_evidence ON account_evidence; DROP FUNCTION slow_evidence();')),
    );
    await refreshNetworkSizesUntilDone(prisma); // whatever a worker left to the refresh another was running
    expect(made.reduce((s, x) => s + x, 0)).toBe(expected.size);
    const ids = holders.flat();
    const links = await prisma.accountLink.findMany({ where: { accountAId: { in: ids } }, select: { accountAId: true, accountBId: true } });
    expect(new Set(links.map((l) => `${l.accountAId}|${l.accountBId}`))).toEqual(expected);
    for (const id of ids) expect((await prisma.reportedAccount.findUniqueOrThrow({ where: { id } })).networkSize).toBe(4);
  });
});
