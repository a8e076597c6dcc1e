import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { submitReport } from '@/app/(public)/report/actions';
import ReceivedPage from '@/app/(public)/report/received/[reference]/page';
import StatusPage from '@/app/(public)/report/status/page';
import { POST } from '@/app/api/v1/reports/route';
import { GET as getStatus } from '@/app/api/v1/reports/[reference]/route';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { createApiKey, type CreatedApiKey } from '@/lib/platform/create-api-key';
import { INITIAL_REPORT_FORM_STATE, type ReportFormState } from '@/lib/reports/form-state';
import { handleIntakeRequest } from '@/lib/reports/intake-node-handler';
import { CLIENT_IP_HEADER } from '@/lib/security/client-source';
import { checkWebUrl, findEmbeddedMedia, findTextProblem } from '@/lib/security/text-rules';
import { createStaffPrincipal } from '../factories/cases';
import { deeplyNestedJson, FIXED_SEED, hostileNumberLiteral, hostileString, hostileValue, refusedText, refusedUrl } from '../factories/hostile-values';
import { nextIp } from '../factories/requests';

/**
 * Issue 10, requirement 4 (and issue 9, requirements 2 and 3), as properties over generated hostile
 * input with a fixed seed: the intake API (the Next route and the fast-path Node handler, with and
 * without an API key), the status lookup, the public form's server action and the status pages.
 * Whatever arrives: never a 5xx; a 400 names the field that is wrong; what is accepted obeys the
 * text rule and carries platform facts only with an API key; and nothing stored before changes.
 */

// Many generated reports are valid: a generous intake limit keeps them from becoming 429s.
process.env.REPORTS_PER_MINUTE_PER_SOURCE = '100000';
resetConfigForTests();

// The form and the pages read the client address through next/headers, which needs Next's request scope.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));

const prisma = getPrisma();
const RUNS = { api: 120, accepted: 40, lookup: 60, form: 80, pages: 40 };
const fcOptions = (numRuns: number) => ({ seed: FIXED_SEED, numRuns, endOnFailure: true });

/* ------------------------------------------------------------------ what is already stored */

type Snapshot = Awaited<ReturnType<typeof snapshotOf>>;
const stored: { reportIds: string[]; caseIds: string[]; accountIds: string[]; lastAuditId: bigint } = { reportIds: [], caseIds: [], accountIds: [], lastAuditId: 0n };

async function snapshotOf() {
  const [reports, contacts, cases, accounts, audit] = await Promise.all([
    prisma.report.findMany({ where: { id: { in: stored.reportIds } }, orderBy: { id: 'asc' } }),
    prisma.reportContact.findMany({ where: { reportId: { in: stored.reportIds } }, orderBy: { reportId: 'asc' } }),
    prisma.case.findMany({ where: { id: { in: stored.caseIds } }, orderBy: { id: 'asc' } }),
    prisma.reportedAccount.findMany({ where: { id: { in: stored.accountIds } }, orderBy: { id: 'asc' } }),
    prisma.auditEntry.findMany({ where: { id: { lte: stored.lastAuditId } }, orderBy: { id: 'asc' } }),
  ]);
  return { reports, contacts, cases, accounts, audit };
}

/* ------------------------------------------------------------------ the intake API */

let apiKey: CreatedApiKey;
let fastPath: Server;
let fastPathUrl: string;

/** Paths a mutation may replace, from the whole body down to single fields and array items. */
const PATHS = [
  '', 'account', 'account.handle', 'account.profileUrl', 'account.platformAccountId', 'account.extra', 'category', 'dangerNow',
  'description', 'contentUrls', 'contentUrls.0', 'contentUrls.3', 'reporter', 'reporter.email', 'reporter.country',
  'reporter.platformUserId', 'mediaHashes', 'mediaHashes.0', 'platformContext', 'platformContext.displayName',
  'platformContext.countryCode', 'platformContext.ipCaptureEvents', 'platformContext.ipCaptureEvents.0.ipAddress',
  'platformContext.ipCaptureEvents.0.port', 'platformContext.ipCaptureEvents.0.dateTime', 'platformContext.ipCaptureEvents.0.eventName',
  'platformContext.replacesAccount', 'platformContext.replacesAccount.handle', 'platformContext.replacesAccount.platformAccountId',
  'unexpected',
] as const;

/**
 * Text fields and how the schema reads them: trimmed first (all but the description), and whether
 * newlines are allowed. A value the text rule refuses there must be named by the 400.
 */
const TEXT_FIELDS: Record<string, { multiLine?: boolean }> = {
  'account.handle': {},
  'account.profileUrl': {},
  'account.platformAccountId': {},
  description: { multiLine: true },
  'contentUrls.0': {},
  'contentUrls.3': {},
  'reporter.email': {},
  'reporter.country': {},
  'reporter.platformUserId': {},
  'mediaHashes.0': {},
  'platformContext.displayName': {},
  'platformContext.countryCode': {},
  'platformContext.replacesAccount.handle': {},
  'platformContext.replacesAccount.platformAccountId': {},
};

/** Fields only a platform may send; a value that carries something must be named by the 400 without a key. */
const PLATFORM_ONLY = ['platformContext', 'mediaHashes', 'reporter.platformUserId'];
const carriesSomething = (v: unknown) =>
  !(v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0));

function setAt(body: unknown, path: string, value: unknown): unknown {
  if (path === '') return value;
  const root = body !== null && typeof body === 'object' ? body : {};
  const keys = path.split('.');
  let node = root as Record<string, unknown>;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return root;
}

function valueAt(body: unknown, path: string): unknown {
  let node = body;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The text fields the body refuses by the text rule, which a 400 must name. */
function refusedTextFields(body: unknown): string[] {
  return Object.entries(TEXT_FIELDS).flatMap(([path, { multiLine }]) => {
    const value = valueAt(body, path);
    if (typeof value !== 'string') return [];
    return findTextProblem(multiLine ? value : value.trim(), { multiLine }) ? [path] : [];
  });
}

let counter = 0;
const validBody = (keyed: boolean) => ({
  account: { handle: `hostile_${++counter}` },
  category: 'grooming',
  description: 'Asked a child to keep their chats secret.',
  contentUrls: ['https://social.example/p/1'],
  ...(keyed ? { mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6'], platformContext: { countryCode: 'GB', ipCaptureEvents: [{ ipAddress: '203.0.113.1', dateTime: '2026-01-01T00:00:00Z' }], replacesAccount: { handle: `replaced_${counter}` } } } : {}),
});

const mutations = fc.array(
  fc.tuple(
    fc.constantFrom(...PATHS),
    // Refused text lands on a field often enough to check that the 400 names it; plain text often
    // enough that reports are accepted and their stored form checked.
    fc.oneof(
      { weight: 2, arbitrary: fc.oneof(refusedText, refusedUrl) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
      { weight: 3, arbitrary: hostileValue },
    ),
  ),
  { minLength: 1, maxLength: 3 },
);

type Sent = { status: number; body: unknown };

async function sendToRoute(text: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>): Promise<Sent> {
  const response = await POST(new Request('http://localhost/api/v1/reports', { method: 'POST', headers, body: text }));
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function sendToFastPath(text: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>): Promise<Sent> {
  const response = await fetch(fastPathUrl, { method: 'POST', headers, body: text });
  expect(response.headers.get('content-security-policy')).toBeTruthy();
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** What a report may look like once stored, whoever sent it. */
async function expectStoredReportClean(reference: string, keyed: boolean) {
  const report = await prisma.report.findUniqueOrThrow({ where: { reference }, include: { account: true, contact: true } });
  const texts = [report.description, report.account.handle, report.account.platformAccountId, report.account.profileUrl, report.contact?.email, ...report.contentUrls, ...report.mediaHashes];
  for (const text of texts.filter((t): t is string => typeof t === 'string')) {
    expect(findTextProblem(text, { multiLine: true }), JSON.stringify(text)).toBeNull();
    expect(findEmbeddedMedia(text), JSON.stringify(text)).toBeNull();
  }
  for (const url of [...report.contentUrls, ...(report.account.profileUrl ? [report.account.profileUrl] : [])]) {
    expect(url).toMatch(/^https?:\/\//i);
    expect(checkWebUrl(url).ok, url).toBe(true);
  }
  if (!keyed) {
    expect(report.apiClientId).toBeNull();
    expect(report.platformContext).toBeNull();
    expect(report.mediaHashes).toEqual([]);
  } else {
    expect(report.apiClientId).toBe(apiKey.id);
  }
}

/** A refusal must say what is wrong: issues that each name a field, or a message. */
function expectReadableRefusal(sent: Sent) {
  const body = sent.body as { error?: unknown; issues?: { path: unknown; message: unknown }[]; message?: unknown };
  expect(typeof body?.error).toBe('string');
  if (sent.status === 400 && body.issues) {
    expect(body.issues.length).toBeGreaterThan(0);
    for (const issue of body.issues) {
      expect(typeof issue.path === 'string' && issue.path.length > 0).toBe(true);
      expect(typeof issue.message === 'string' && issue.message.length > 0).toBe(true);
    }
  } else {
    expect(typeof body.message).toBe('string');
  }
}

beforeAll(async () => {
  const admin = await createStaffPrincipal('admin');
  apiKey = await createApiKey({ name: 'hostile platform', scopes: ['reports:write'], actor: admin });
  fastPath = createServer((req, res) => void handleIntakeRequest(req, res));
  await new Promise<void>((resolve) => fastPath.listen(0, '127.0.0.1', resolve));
  fastPathUrl = `http://127.0.0.1:${(fastPath.address() as AddressInfo).port}/api/v1/reports`;

  // Reports stored before the attack: anonymous with contact details, and from a platform.
  for (const [body, headers] of [
    [{ ...validBody(false), reporter: { email: 'kim@mail.example', country: 'US' } }, {}],
    [validBody(true), { authorization: `Bearer ${apiKey.key}` }],
  ] as const) {
    const sent = await sendToRoute(JSON.stringify(body), { 'content-type': 'application/json', [CLIENT_IP_HEADER]: nextIp(), ...headers });
    expect(sent.status).toBe(201);
    const report = await prisma.report.findUniqueOrThrow({ where: { reference: (sent.body as { reference: string }).reference }, include: { case: true } });
    stored.reportIds.push(report.id);
    stored.caseIds.push(report.caseId);
    stored.accountIds.push(report.accountId);
  }
  stored.lastAuditId = (await prisma.auditEntry.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { id: true } })).id;
  before = await snapshotOf();
});

let before: Snapshot;

afterAll(async () => {
  await new Promise((resolve) => fastPath?.close(resolve));
});

describe('hostile input to the public intake (fixed seed)', () => {
  it('POST /api/v1/reports: never a 5xx; a 400 names every field the text rule refuses; what is stored is clean', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutations,
        fc.boolean(),
        fc.boolean(),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom('dangerNow', 'platformContext.ipCaptureEvents.0.port', 'account.handle'), hostileNumberLiteral) },
        ),
        async (changes, keyed, viaFastPath, numberLiteral) => {
          let body: unknown = validBody(keyed);
          for (const [path, value] of changes) body = setAt(body, path, value);
          // A number literal JSON.stringify cannot write (1e400, which JSON.parse reads as Infinity).
          if (numberLiteral) body = setAt(body, numberLiteral[0], '__NUMBER_LITERAL__');
          let text = JSON.stringify(body) ?? 'null';
          if (numberLiteral) text = text.replace('"__NUMBER_LITERAL__"', numberLiteral[1]);
          const headers: Record<string, string> = { 'content-type': 'application/json', [CLIENT_IP_HEADER]: nextIp() };
          if (keyed) headers.authorization = `Bearer ${apiKey.key}`;

          const sent = await (viaFastPath ? sendToFastPath : sendToRoute)(text, headers);
          expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(500);
          expect([201, 400, 413]).toContain(sent.status);
          if (sent.status === 201) {
            expect(refusedTextFields(body)).toEqual([]);
            return expectStoredReportClean((sent.body as { reference: string }).reference, keyed);
          }
          expectReadableRefusal(sent);
          if (sent.status !== 400) return;
          const named = ((sent.body as { issues?: { path: string }[] }).issues ?? []).map((i) => i.path);
          for (const path of refusedTextFields(body)) expect(named, `${path} in ${text.slice(0, 300)}`).toContain(path);
          if (!keyed) for (const path of PLATFORM_ONLY.filter((p) => carriesSomething(valueAt(body, p)))) expect(named).toContain(path);
        },
      ),
      fcOptions(RUNS.api),
    );
  });

  it('POST /api/v1/reports: odd but allowed text is stored as sent (trimmed), links as checkWebUrl returns them', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((t) => t.trim() !== '' && !findTextProblem(t.trim()) && !findEmbeddedMedia(t));
    const host = fc.domain();
    const link = fc.tuple(fc.constantFrom('', 'http://', 'https://', 'HTTPS://'), host, fc.webPath()).map(([scheme, h, p]) => `${scheme}${h}${p}`);
    await fc.assert(
      fc.asyncProperty(text, text, fc.array(link, { minLength: 1, maxLength: 3 }), fc.boolean(), async (handle, description, links, keyed) => {
        const body = { ...validBody(keyed), account: { platformAccountId: handle }, description: `${description}\n\t${description}`, contentUrls: links };
        const headers: Record<string, string> = { 'content-type': 'application/json', [CLIENT_IP_HEADER]: nextIp() };
        if (keyed) headers.authorization = `Bearer ${apiKey.key}`;
        const sent = await sendToRoute(JSON.stringify(body), headers);
        expect(sent.status, JSON.stringify(sent.body)).toBe(201);
        const reference = (sent.body as { reference: string }).reference;
        await expectStoredReportClean(reference, keyed);
        const report = await prisma.report.findUniqueOrThrow({ where: { reference }, include: { account: true } });
        expect(report.account.platformAccountId).toBe(handle.trim());
        expect(report.description).toBe(`${description}\n\t${description}`.trim());
        expect(report.contentUrls).toEqual(links.map((l) => (checkWebUrl(l) as { url: string }).url));
      }),
      fcOptions(RUNS.accepted),
    );
  });

  it('POST /api/v1/reports: bytes that are not UTF-8, JSON that is not an object and nesting 20,000 deep are refused, never a 5xx', async () => {
    const rawBodies = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('', 'null', '[]', '"\\u0000"', '"\\ud800"', '{"account":{"handle":"\\ud800"}}', '{"__proto__":{"mediaHashes":["MD5:9e107d9d372bb682"]},"account":{"handle":"a"},"category":"grooming"}', '{"account":{"handle":"a"},"category":"grooming","category":"x"}'),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Buffer.concat([Buffer.from('{"account":{"handle":"'), bytes, Buffer.from('"},"category":"grooming"}')])),
      deeplyNestedJson(),
      deeplyNestedJson().map((deep) => `{"account":{"handle":"deep"},"category":"grooming","description":${deep}}`),
      deeplyNestedJson().map((deep) => `{"account":{"handle":"deep"},"category":"grooming","unexpected":${deep}}`),
    );
    await fc.assert(
      fc.asyncProperty(rawBodies, fc.boolean(), async (raw, viaFastPath) => {
        const headers = { 'content-type': 'application/json', [CLIENT_IP_HEADER]: nextIp() };
        const sent = await (viaFastPath ? sendToFastPath : sendToRoute)(raw, headers);
        expect(sent.status).toBeLessThan(500);
        if (sent.status === 201) return expectStoredReportClean((sent.body as { reference: string }).reference, false);
        expectReadableRefusal(sent);
      }),
      fcOptions(RUNS.api),
    );
  });

  it('GET /api/v1/reports/{reference}: any reference is a 404 (or 400/429), never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (reference) => {
        const response = await getStatus(new Request('http://localhost/api/v1/reports/x', { headers: { [CLIENT_IP_HEADER]: nextIp() } }), {
          params: Promise.resolve({ reference }),
        });
        expect(response.status).toBe(404);
        expect((await response.json()).error).toBe('not_found');
      }),
      fcOptions(RUNS.lookup),
    );
  });

  it('the report form: never "something went wrong"; each refused field is shown next to that field', async () => {
    const FORM_TEXT: Record<string, { multiLine?: boolean; lines?: boolean }> = {
      account: {},
      accountId: {},
      description: { multiLine: true },
      contentUrls: { lines: true },
      email: {},
      country: {},
    };
    const fieldValue = fc.oneof(
      { weight: 1, arbitrary: fc.oneof(refusedText, refusedUrl) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
      { weight: 2, arbitrary: hostileString },
    );
    const fields = fc.record(
      {
        account: fc.oneof(fc.constant('form_hostile'), fieldValue),
        accountId: fieldValue,
        category: fc.oneof({ weight: 3, arbitrary: fc.constant('grooming') }, { weight: 1, arbitrary: fieldValue }),
        dangerNow: fieldValue,
        description: fieldValue,
        contentUrls: fieldValue,
        email: fc.oneof(fc.constant(''), fieldValue),
        country: fc.oneof(fc.constant('GB'), fc.constant(''), fieldValue),
        submissionId: fieldValue,
        mediaHashes: fc.constant('MD5:9e107d9d372bb6826bd81d3542a419d6'),
        platformContext: fc.constant('{"countryCode":"GB"}'),
      },
      { requiredKeys: ['account', 'category'] },
    );
    await fc.assert(
      fc.asyncProperty(fields, async (values) => {
        request.headers = new Headers({ [CLIENT_IP_HEADER]: nextIp() });
        const form = new FormData();
        for (const [k, v] of Object.entries(values)) form.append(k, v);
        let state: ReportFormState;
        try {
          state = await submitReport(INITIAL_REPORT_FORM_STATE, form);
        } catch (error) {
          const digest = String((error as { digest?: unknown }).digest ?? '');
          const reference = /^NEXT_REDIRECT;[^;]*;\/report\/received\/([^;]+);/.exec(digest)?.[1];
          if (!reference) throw error;
          return expectStoredReportClean(reference, false);
        }
        expect(state.status, state.formError).toBe('invalid');
        expect(Object.keys(state.fieldErrors).length).toBeGreaterThan(0);
        // What the action received: FormData turns lone surrogates into U+FFFD, as a browser's UTF-8 does.
        for (const [name, { multiLine, lines }] of Object.entries(FORM_TEXT)) {
          const received = form.get(name);
          if (typeof received !== 'string') continue;
          const parts = lines ? received.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [multiLine ? received : received.trim()];
          if (parts.some((part) => findTextProblem(part, { multiLine }))) expect(state.fieldErrors, name).toHaveProperty([name]);
        }
      }),
      fcOptions(RUNS.form),
    );
  });

  it('the status pages: any reference renders a page or a 404, never an error', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (reference) => {
        request.headers = new Headers({ [CLIENT_IP_HEADER]: nextIp() });
        expect(renderToStaticMarkup(await StatusPage({ searchParams: Promise.resolve({ reference: [reference, 'x'] }) }))).toContain('Check a report');
        await ReceivedPage({ params: Promise.resolve({ reference }) }).then(
          (page) => expect.unreachable(`rendered ${renderToStaticMarkup(page).slice(0, 80)}`),
          (error: { digest?: string }) => expect(error.digest).toBe('NEXT_HTTP_ERROR_FALLBACK;404'),
        );
      }),
      fcOptions(RUNS.pages),
    );
  });

  it('nothing stored before the attack changed', async () => {
    expect(await snapshotOf()).toEqual(before);
  });
});
