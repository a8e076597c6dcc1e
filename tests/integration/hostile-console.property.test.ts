import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { changeStaffRoleAction, createStaffAction, disableStaffAction, enableStaffAction } from '@/app/(console)/console/admin/staff/actions';
import { createApiKeyAction, retryDeadLetterAction, revokeApiKeyAction } from '@/app/(console)/console/admin/integrations/actions';
import { claimNextCaseAction } from '@/app/(console)/console/actions';
import { decideApprovalAction } from '@/app/(console)/console/approvals/actions';
import AuditEntryPage from '@/app/(console)/console/audit/[entryId]/page';
import { verifyChainAction } from '@/app/(console)/console/audit/actions';
import { extendHoldAction, requestHoldReleaseAction } from '@/app/(console)/console/holds/actions';
import HoldsPage from '@/app/(console)/console/holds/page';
import AuditPage from '@/app/(console)/console/audit/page';
import ObligationsPage from '@/app/(console)/console/obligations/page';
import { reassignCaseAction, releaseCaseAction, renewLeaseAction, takeCaseAction } from '@/app/(console)/console/cases/[caseId]/actions';
import { respondToNetworkAction } from '@/app/(console)/console/cases/[caseId]/network-actions';
import CasePage from '@/app/(console)/console/cases/[caseId]/page';
import { decideReferralAction, prepareReferralAction, recordHotlineReportAction } from '@/app/(console)/console/cases/[caseId]/referrals/actions';
import ReferralsPage from '@/app/(console)/console/cases/[caseId]/referrals/page';
import QueuePage from '@/app/(console)/console/page';
import { confirmEnrolmentAction } from '@/app/(auth)/sign-in/two-factor/actions';
import { GET as exportAudit } from '@/app/api/v1/audit/export/route';
import { GET as listDecisions } from '@/app/api/v1/decisions/route';
import { POST as exportReferral } from '@/app/api/v1/referrals/[referralId]/export/route';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { resetConfigForTests } from '@/lib/config';
import { isForgedActionOrigin } from '@/lib/http/action-origin.js';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import { createApiKey } from '@/lib/platform/create-api-key';
import { caseHeldBy, caseVersion, createStaffPrincipal } from '../factories/cases';
import { hostileQueryValue, hostileSearchParams, hostileText, hostileValue, hugeNumberText, taintedText, validOrHostile } from '../factories/hostile-console-values';
import { signInAs } from '../factories/signed-in';

/**
 * Issue 10, requirement 4 (staff side): the console's pages, its staff route handlers and its
 * server actions, driven with generated hostile values (control characters, lone surrogates, huge
 * numbers, over-long strings, wrong types, nesting) as a signed-in member of staff with the role
 * each needs. Nothing may answer 5xx or throw an unexpected error: a 4xx, notFound(), forbidden()
 * and redirect() are all fine. Fixed seed, so a failure reproduces; fast-check prints the
 * shrunk counterexample.
 */

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);
// revalidatePath needs a Next.js request store; it only refreshes caches, it decides nothing.
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), revalidatePath: () => undefined }));
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_CONTACT_NAME = 'Alex Safety';
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'tc-hostile-key-')), 'referral-signing-key.pem');
resetConfigForTests();

const SEED = 20_261_130;
const RUNS = 40;
const run = <T>(property: fc.IAsyncPropertyWithHooks<T>, numRuns = RUNS, examples: T[] = []) => fc.assert(property, { seed: SEED, numRuns, examples });

const moderator = await createStaffPrincipal('moderator');
const supervisor = await createStaffPrincipal('supervisor');
const admin = await createStaffPrincipal('admin');
const held = await caseHeldBy(moderator, supervisor, { category: 'child_sexual_imagery' });
// A reportable case already responding (suspended), for the verbs that act on one.
const respondingHeld = await caseHeldBy(moderator, supervisor, { category: 'grooming', reporterCountry: 'GB' });
const responding = await takeAction({ caseId: respondingHeld.caseId, actor: moderator, expectedVersion: respondingHeld.version, input: { type: 'suspend', reasonCode: 'grooming', until: null } });
const respondingObligationId = (await getPrisma().caseObligation.findFirstOrThrow({ where: { caseId: responding.caseId, kind: 'referral' }, select: { id: true } })).id;
const decisionsKey = (await createApiKey({ name: 'hostile reader', scopes: ['decisions:read'], actor: admin })).key;
// A hold in force on the held case's account, so the holds page and its actions meet a real row.
const holdId = (
  await getPrisma().preservationHold.create({
    data: { caseId: held.caseId, accountId: held.accountId, basis: 'pending_referral', reasonCode: 'pending_referral', startsAt: new Date(), expiresAt: new Date(Date.now() + 365 * 86_400_000) },
  })
).id;

/** The Next.js digest of what a page or action threw, if it is one of the ways Next answers on purpose. */
function isNextAnswer(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT;') || /^NEXT_HTTP_ERROR_FALLBACK;(403|404)$/.test(digest));
}

/** Renders a page (or runs an action); an error other than notFound()/forbidden()/redirect() fails the property. */
async function answersOnPurpose(call: () => unknown): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    if (isNextAnswer(error)) return null;
    throw error;
  }
}

/** A server action's result: an ActionResult, or a form action's redirect; internal_error is a 5xx in disguise. */
async function expectNoInternalError(call: () => unknown): Promise<void> {
  const result = (await answersOnPurpose(call)) as { ok?: boolean; error?: { code?: string } } | null | undefined;
  expect(result?.error?.code, JSON.stringify(result)).not.toBe('internal_error');
}

async function expectNo5xx(response: Response): Promise<void> {
  const body = await response.text(); // streamed exports fail here, not before
  expect(response.status, body.slice(0, 500)).toBeLessThan(500);
}

const asParams = <T extends Record<string, string>>(value: T) => Promise.resolve(value);
const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://console.test${url}`, { headers });
const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
  return search.toString();
};
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** A path segment: hostile text, a random UUID, or the real case. */
const caseIdParam = fc.oneof(hostileText, fc.uuid(), fc.constant(held.caseId));
/** Queue cursors as the page would see a tampered one: base64url JSON tuples with wrong numbers and dates. */
const queueCursor = fc.oneof(
  hostileText,
  fc
    .tuple(fc.oneof(fc.integer(), fc.double(), hugeNumberText.map(Number), fc.constant(2 ** 53 - 1)), fc.oneof(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())), hostileText), fc.oneof(fc.uuid(), hostileText))
    .map((tuple) => b64(JSON.stringify(tuple))),
);

describe('console pages: hostile query and path parameters never reach a 5xx', () => {
  it('the queue (?category, status, obligation, breached, mine, q, cursor, before)', async () => {
    signInAs(moderator);
    const params = fc.tuple(hostileSearchParams(['category', 'status', 'obligation', 'breached', 'mine', 'q']), hostileQueryValue, fc.option(queueCursor), fc.option(queueCursor));
    await run(
      fc.asyncProperty(params, async ([search, q, cursor, before]) => {
        await answersOnPurpose(() => QueuePage({ searchParams: Promise.resolve({ ...search, q, cursor: cursor ?? undefined, before: before ?? undefined }) }));
      }),
    );
  });

  it('the referral obligations page (?cursor: tampered first-report and obligation id tuples)', async () => {
    signInAs(moderator);
    const cursor = fc.oneof(
      hostileText,
      fc
        .tuple(fc.oneof(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())), hostileText, fc.integer()), fc.oneof(fc.uuid(), hostileText))
        .map((tuple) => b64(JSON.stringify(tuple))),
    );
    await run(
      fc.asyncProperty(cursor, async (value) => {
        await answersOnPurpose(() => ObligationsPage({ searchParams: Promise.resolve({ cursor: value }) }));
      }),
    );
  });

  it('the audit log (?actor, case, event, from, to, before) and an audit entry (/console/audit/[entryId])', async () => {
    signInAs(supervisor);
    await run(
      fc.asyncProperty(hostileSearchParams(['actor', 'case', 'event', 'from', 'to', 'before']), async (search) => {
        await answersOnPurpose(() => AuditPage({ searchParams: Promise.resolve(search) }));
      }),
    );
    await run(
      fc.asyncProperty(fc.oneof(hostileText, hugeNumberText), async (entryId) => {
        await answersOnPurpose(() => AuditEntryPage({ params: asParams({ entryId }) }));
      }),
    );
  });

  it('a case and its referrals (/console/cases/[caseId], /console/cases/[caseId]/referrals?error=)', async () => {
    signInAs(moderator);
    await run(
      fc.asyncProperty(caseIdParam, hostileSearchParams(['error']), async (caseId, search) => {
        await answersOnPurpose(() => CasePage({ params: asParams({ caseId }) }));
        await answersOnPurpose(() => ReferralsPage({ params: asParams({ caseId }), searchParams: Promise.resolve(search) }));
      }),
    );
  });

  it('the listed cases answer 404 (not a 500): a huge audit id, a case id that is no UUID, a case that does not exist', async () => {
    signInAs(supervisor);
    const digest = async (call: () => unknown) => {
      try {
        await call();
        return 'rendered';
      } catch (error) {
        return String((error as { digest?: unknown }).digest ?? error);
      }
    };
    expect(await digest(() => AuditEntryPage({ params: asParams({ entryId: '9999999999999999999' }) }))).toBe('NEXT_HTTP_ERROR_FALLBACK;404');
    expect(await digest(() => AuditPage({ searchParams: Promise.resolve({ before: '9999999999999999999' }) }))).toBe('rendered');
    expect(await digest(() => AuditPage({ searchParams: Promise.resolve({ actor: '\u0000' }) }))).toBe('rendered');
    expect(await digest(() => QueuePage({ searchParams: Promise.resolve({ q: '\u0000' }) }))).toBe('rendered');
    expect(await digest(() => HoldsPage())).toBe('rendered');
    for (const caseId of ['not-a-uuid', '5f0c6a52-8a7e-4f31-9a38-3f1a2b4c5d6e']) {
      expect(await digest(() => ReferralsPage({ params: asParams({ caseId }), searchParams: Promise.resolve({}) })), caseId).toBe('NEXT_HTTP_ERROR_FALLBACK;404');
    }
  });
});

describe('staff route handlers: hostile query values answer 4xx', () => {
  it('GET /api/v1/decisions?after=&limit= (with a valid decisions:read key)', async () => {
    signInAs(null);
    const after = fc.oneof(hostileText, hugeNumberText.map((n) => b64(`o1:${n}`)), hostileText.map((t) => b64(`o1:${t}`)));
    await run(
      fc.asyncProperty(fc.option(after), fc.option(fc.oneof(hostileText, hugeNumberText)), async (a, limit) => {
        await expectNo5xx(await listDecisions(get(`/api/v1/decisions?${query({ after: a ?? undefined, limit: limit ?? undefined })}`, { authorization: `Bearer ${decisionsKey}` })));
      }),
    );
    const beyond = await listDecisions(get(`/api/v1/decisions?after=${b64('o1:9999999999999999999')}`, { authorization: `Bearer ${decisionsKey}` }));
    expect(beyond.status).toBe(400);
  });

  it('GET /api/v1/audit/export?format=&actor=&case=&event=&from=&to=', async () => {
    signInAs(supervisor);
    const param = fc.option(hostileText, { nil: undefined });
    const params = fc.record({ format: fc.oneof(fc.constantFrom('csv', 'jsonl'), hostileText), actor: param, case: param, event: param, from: param, to: param });
    await run(
      fc.asyncProperty(params, async (p) => {
        await expectNo5xx(await exportAudit(get(`/api/v1/audit/export?${query(p)}`)));
      }),
      25,
    );
    expect((await exportAudit(get('/api/v1/audit/export?actor=a%00'))).status).toBe(400);
  });

  it('POST /api/v1/referrals/[referralId]/export', async () => {
    signInAs(moderator);
    await run(
      fc.asyncProperty(fc.oneof(hostileText, fc.uuid()), async (referralId) => {
        const request = new Request(`http://console.test/api/v1/referrals/x/export`, { method: 'POST' });
        await expectNo5xx(await exportReferral(request, { params: asParams({ referralId }) }));
      }),
      20,
    );
  });
});

/** The version the case has right now, so a "valid" expectedVersion really is one. */
const CURRENT = Symbol('current case version');
/** CURRENT becomes the version of the case the input names (the responding case's rows), else of the held case. */
const withVersion = async (input: Record<string, unknown>) => {
  const caseId = input.caseId === responding.caseId ? responding.caseId : held.caseId;
  return Object.fromEntries(await Promise.all(Object.entries(input).map(async ([k, v]) => [k, v === CURRENT ? await caseVersion(caseId) : v])));
};
const someText = fc.string({ maxLength: 30 });
const note = (body: fc.Arbitrary<unknown>) => fc.record({ type: fc.constant('note'), body });

/**
 * Each staff action, the role that may use it, and an input whose fields pass their schemas. The
 * property mixes inputs with exactly one field hostile (so the hostile value meets the code behind
 * every other check: lib/, Postgres), inputs with every field hostile-or-valid, and wholly wrong values.
 */
const ACTIONS: [string, StaffPrincipal, (input: never) => Promise<unknown>, Record<string, fc.Arbitrary<unknown>>][] = [
  ['claimNextCaseAction', moderator, claimNextCaseAction, {}],
  ['takeCaseAction (a note on a held case)', moderator, takeCaseAction, { caseId: fc.constant(held.caseId), expectedVersion: fc.constant(CURRENT), input: note(someText) }],
  ['takeCaseAction (a hostile note body)', moderator, takeCaseAction, { caseId: fc.constant(held.caseId), expectedVersion: fc.constant(CURRENT), input: note(fc.oneof(someText, taintedText)) }],
  // The response's verbs (issue 11): hostile notes, reasons, enforcement choices and dates.
  ['takeCaseAction (respond)', moderator, takeCaseAction, {
    caseId: fc.constant(held.caseId),
    expectedVersion: fc.constant(CURRENT),
    input: fc.record({ type: fc.constant('respond'), enforcement: fc.constantFrom('permanent', 'until', 'none'), reasonCode: fc.constant('csam_shared'), until: fc.constantFrom(null, '2999-01-01', '99999-99-99'), note: someText }),
  }],
  ['takeCaseAction (record_preservation)', moderator, takeCaseAction, { caseId: fc.constant(responding.caseId), expectedVersion: fc.constant(CURRENT), input: fc.record({ type: fc.constant('record_preservation'), note: someText }) }],
  ['takeCaseAction (waive_obligation)', supervisor, takeCaseAction, { caseId: fc.constant(responding.caseId), expectedVersion: fc.constant(CURRENT), input: fc.record({ type: fc.constant('waive_obligation'), obligationId: fc.constant(respondingObligationId), reason: someText }) }],
  ['takeCaseAction (request_stand_down)', moderator, takeCaseAction, { caseId: fc.constant(responding.caseId), expectedVersion: fc.constant(CURRENT), input: fc.record({ type: fc.constant('request_stand_down'), note: someText }) }],
  ['renewLeaseAction', moderator, renewLeaseAction, { caseId: fc.constant(held.caseId) }],
  ['releaseCaseAction', moderator, releaseCaseAction, { caseId: fc.constant(held.caseId), expectedVersion: fc.constant(CURRENT), reasonCode: fc.constant('') }],
  ['reassignCaseAction', supervisor, reassignCaseAction, { caseId: fc.constant(held.caseId), assigneeId: fc.constant(moderator.id), expectedVersion: fc.constant(CURRENT), reasonCode: fc.constant('workload_balancing'), note: someText }],
  // Issue 12: one response to accounts of a network (stale version 1: refused per account, never a 5xx).
  ['respondToNetworkAction', supervisor, respondToNetworkAction, {
    caseId: fc.constant(held.caseId),
    measures: fc.constantFrom(['suspend'], ['preserve', 'refer']),
    enforcement: fc.constantFrom('permanent', 'until'),
    until: fc.constantFrom(null, '2999-01-01', '99999-99-99'),
    reasonCode: fc.constant('grooming'),
    note: someText,
    targets: fc.constant([{ accountId: held.accountId, caseId: held.caseId, expectedVersion: 1 }]),
  }],
  ['decideApprovalAction', supervisor, decideApprovalAction, { approvalId: fc.uuid(), decision: fc.constantFrom('approve', 'reject'), reason: someText }],
  ['verifyChainAction', supervisor, verifyChainAction, {}],
  ['extendHoldAction', supervisor, extendHoldAction, { holdId: fc.constant(holdId), days: fc.constantFrom('', '1', '30'), reason: someText }],
  ['requestHoldReleaseAction', supervisor, requestHoldReleaseAction, { holdId: fc.constant(holdId), reasonCode: fc.constant('request_withdrawn'), reason: someText }],
  ['createStaffAction', admin, createStaffAction, { email: fc.uuid().map((u) => `s-${u}@test.triage`), name: fc.string({ minLength: 1, maxLength: 30 }), role: fc.constantFrom('moderator', 'supervisor'), password: fc.constant('a long enough password 1') }],
  ['disableStaffAction', admin, disableStaffAction, { staffId: fc.uuid() }],
  ['enableStaffAction', admin, enableStaffAction, { staffId: fc.uuid() }],
  ['changeStaffRoleAction', admin, changeStaffRoleAction, { staffId: fc.uuid(), role: fc.constant('supervisor') }],
  ['createApiKeyAction', admin, createApiKeyAction, { name: fc.string({ minLength: 1, maxLength: 30 }), scopes: fc.constant(['decisions:read']) }],
  ['revokeApiKeyAction', admin, revokeApiKeyAction, { apiKeyId: fc.uuid() }],
  ['retryDeadLetterAction', admin, retryDeadLetterAction, { outboxId: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String) }],
  ['confirmEnrolmentAction', moderator, confirmEnrolmentAction, { code: fc.stringMatching(/^\d{6}$/) }],
];

/** Always tried first, whatever the seed: each field of a valid input in turn holding a NUL, then a lone surrogate. */
function knownBadExamples(valid: Record<string, fc.Arbitrary<unknown>>): [unknown][] {
  const [base] = fc.sample(fc.record(valid), { seed: SEED, numRuns: 1 }) as Record<string, unknown>[];
  const nested = (v: unknown, bad: string): unknown => (typeof v === 'string' ? `a${bad}b` : v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'type' ? x : nested(x, bad)])) : `a${bad}b`);
  return Object.keys(valid).flatMap((key) => ['\u0000', '\ud800'].map((bad): [unknown] => [{ ...base, [key]: base![key] === CURRENT ? CURRENT : nested(base![key], bad) }]));
}

/** The valid fields with exactly one of them replaced by a hostile value (mostly a hostile string). */
function oneFieldHostile(valid: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  if (keys.length === 0) return hostileValue.map((v) => ({ extra: v }));
  return fc.constantFrom(...keys).chain((key) => fc.record({ ...valid, [key]: fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: hostileValue }) }));
}

describe('server actions: hostile form fields never become an internal error', () => {
  it.each(ACTIONS)('%s', async (_name, who, action, valid) => {
    signInAs(who);
    const anyMix = fc.record(Object.fromEntries(Object.entries(valid).map(([k, arb]) => [k, validOrHostile(arb)])));
    const inputs = fc.oneof({ weight: 4, arbitrary: oneFieldHostile(valid) }, { weight: 2, arbitrary: anyMix }, { weight: 1, arbitrary: hostileValue });
    await run(
      fc.asyncProperty(inputs, async (value) => {
        const args = value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype ? await withVersion(value as Record<string, unknown>) : value;
        await expectNoInternalError(() => action(args as never));
      }),
      40,
      knownBadExamples(valid),
    );
  });

  it('the referral form actions (FormData fields, or no FormData at all)', async () => {
    const field = fc.oneof(hostileText, fc.uuid(), fc.constantFrom('ncmec', 'uk_nca', 'approve', 'reject', '2026-01-01T00:00', '-271821-04-20T00:00:00Z'));
    const form = fc.dictionary(fc.constantFrom('caseId', 'hotline', 'referralId', 'decision', 'reason', 'hotlineReportId', 'submittedAt'), field).map((fields) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      return data;
    });
    const withCase = fc.tuple(form, fc.boolean()).map(([data, real]) => {
      if (real) data.set('caseId', held.caseId);
      return data;
    });
    for (const [who, action] of [[moderator, prepareReferralAction], [supervisor, decideReferralAction], [moderator, recordHotlineReportAction]] as const) {
      signInAs(who);
      await run(
        fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: withCase }, { weight: 1, arbitrary: hostileValue }), async (data) => {
          await expectNoInternalError(() => action(data as FormData));
        }),
        20,
      );
    }
  });

  it('a server action with a forged Origin is refused before Next (403), whatever the headers say', () => {
    const header = fc.option(fc.oneof(hostileText, fc.webUrl(), fc.constantFrom('null', 'https://console.test')), { nil: undefined });
    fc.assert(
      fc.property(header, header, header, fc.boolean(), (origin, host, forwardedHost, trustProxy) => {
        const headers = Object.fromEntries(Object.entries({ origin, host, 'x-forwarded-host': forwardedHost, 'next-action': 'abc' }).filter(([, v]) => v !== undefined));
        const refused = isForgedActionOrigin({ method: 'POST', url: '/console', headers }, { trustProxy });
        if (origin !== undefined && origin !== 'null' && !URL.canParse(origin)) expect(refused).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
