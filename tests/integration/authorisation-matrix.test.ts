import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { createApiKey } from '@/lib/platform/create-api-key';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { INITIAL_REPORT_FORM_STATE } from '@/lib/reports/form-state';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { decideApproval } from '@/lib/cases/decide-approval';
import type { TCaseActionFormInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { caseHeldBy, createStaffPrincipal, reportAccount } from '../factories/cases';
import {
  actionOutcome,
  discoverEntryPoints,
  expectedOutcome,
  pageOutcome,
  PRINCIPALS,
  ROOT,
  routeOutcome,
  type Access,
  type DiscoveredEntry,
  type Outcome,
  type Principal,
} from '../factories/entry-points';
import { reportBody, intakeRequest } from '../factories/requests';
import { signInAs } from '../factories/signed-in';

/**
 * Issue 3, requirement 2: every page, route handler and server action, called as anonymous,
 * moderator, supervisor and admin, against the real guards and a real database. Entry points are
 * found on disk, so a new one without a row in EXPECTATIONS fails this file.
 */

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);
// revalidatePath needs a Next.js request store; it only refreshes caches, it decides nothing.
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), revalidatePath: () => undefined }));
// The public status pages read the client address (their look-up limit) from the request headers.
vi.mock('next/headers', async (original) => ({ ...(await original<typeof import('next/headers')>()), headers: async () => new Headers() }));
// What next build sets from next.config's experimental.authInterrupts, so forbidden() renders a 403.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
// Referrals (prepare, export, the public key) need an organisation contact and a signing key file.
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_CONTACT_NAME = 'Alex Safety';
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'tc-matrix-key-')), 'referral-signing-key.pem');
resetConfigForTests();

// Real rows for every id a page, handler or action needs, so "allowed" means it really rendered.
const prisma = getPrisma();
const staff = {
  moderator: await createStaffPrincipal('moderator'),
  supervisor: await createStaffPrincipal('supervisor'),
  admin: await createStaffPrincipal('admin'),
};
// UK-linked, so the referral fixture can go to the NCA: that needs no NCMEC schema (not shipped).
const kase = await reportAccount({ category: 'child_sexual_imagery', reporterCountry: 'GB' });
const fixtures = {
  caseId: kase.caseId,
  reference: (await prisma.report.findFirstOrThrow({ where: { caseId: kase.caseId }, select: { reference: true } })).reference,
  referralId: (await prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: staff.moderator })).referralId,
  auditEntryId: String((await prisma.auditEntry.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { id: true } })).id),
  decisionsKey: (await createApiKey({ name: 'matrix reader', scopes: ['decisions:read'], actor: staff.admin })).key,
};
type Fixtures = typeof fixtures;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://console.test${url}`, { headers });

type Expectation = {
  access: Access;
  /** Page and route params (the dynamic segments). */
  params?: (f: Fixtures) => Record<string, string>;
  /** Route handlers: the request to send. */
  request?: (f: Fixtures) => Request;
  /** Server actions: the arguments (default: one empty object). Minimal, so nothing changes. */
  args?: (f: Fixtures) => unknown[];
};

const inConsole = (p: string) => `app/(console)/console/${p}`;
const caseRef = (f: Fixtures) => ({ caseId: f.caseId });

/** Entry point → who may use it and how to call it. A discovered entry point missing here fails. */
const EXPECTATIONS: Record<string, Expectation> = {
  // Pages: public and sign-in.
  'page app/page.tsx': { access: 'public' },
  'page app/(public)/report/page.tsx': { access: 'public' },
  'page app/(public)/report/status/page.tsx': { access: 'public' },
  'page app/(public)/report/received/[reference]/page.tsx': { access: 'public', params: (f) => ({ reference: f.reference }) },
  'page app/(auth)/sign-in/page.tsx': { access: 'public' },
  // Any signed-in session (also one still enrolling a second factor): moderator is the lowest role.
  'page app/(auth)/sign-in/two-factor/page.tsx': { access: 'moderator' },
  'page app/(auth)/sign-in/password/page.tsx': { access: 'moderator' },
  // Pages: the console.
  [`page ${inConsole('page.tsx')}`]: { access: 'moderator' },
  [`page ${inConsole('cases/[caseId]/page.tsx')}`]: { access: 'moderator', params: caseRef },
  [`page ${inConsole('cases/[caseId]/referrals/page.tsx')}`]: { access: 'moderator', params: caseRef },
  [`page ${inConsole('obligations/page.tsx')}`]: { access: 'moderator' },
  [`page ${inConsole('approvals/page.tsx')}`]: { access: 'supervisor' },
  [`page ${inConsole('holds/page.tsx')}`]: { access: 'supervisor' },
  [`page ${inConsole('metrics/page.tsx')}`]: { access: 'supervisor' },
  [`page ${inConsole('audit/page.tsx')}`]: { access: 'supervisor' },
  [`page ${inConsole('audit/[entryId]/page.tsx')}`]: { access: 'supervisor', params: (f) => ({ entryId: f.auditEntryId }) },
  [`page ${inConsole('admin/staff/page.tsx')}`]: { access: 'admin' },
  [`page ${inConsole('admin/integrations/page.tsx')}`]: { access: 'admin' },
  [`page ${inConsole('hash-lists/page.tsx')}`]: { access: 'admin' },
  // Route handlers.
  'GET app/api/health/route.ts': { access: 'public', request: () => get('/api/health') },
  'GET app/.well-known/triage-console/referral-signing-key/route.ts': { access: 'public', request: () => get('/.well-known/triage-console/referral-signing-key') },
  'POST app/api/v1/reports/route.ts': { access: 'public', request: () => intakeRequest(reportBody()) },
  'GET app/api/v1/reports/[reference]/route.ts': { access: 'public', params: (f) => ({ reference: f.reference }), request: (f) => get(`/api/v1/reports/${f.reference}`) },
  'GET app/api/v1/decisions/route.ts': { access: 'api-key', request: () => get('/api/v1/decisions') },
  'GET app/api/v1/audit/export/route.ts': { access: 'supervisor', request: () => get('/api/v1/audit/export?format=csv') },
  'POST app/api/v1/referrals/[referralId]/export/route.ts': {
    access: 'moderator',
    params: (f) => ({ referralId: f.referralId }),
    request: (f) => new Request(`http://console.test/api/v1/referrals/${f.referralId}/export`, { method: 'POST' }),
  },
  // An import with no list details: refused as invalid (400) once the caller may import at all.
  'POST app/api/v1/hash-lists/route.ts': { access: 'admin', request: () => new Request('http://console.test/api/v1/hash-lists', { method: 'POST', body: '' }) },
  // Server actions ('use server' exports).
  'action app/(public)/report/actions.ts#submitReport': { access: 'public', args: () => [INITIAL_REPORT_FORM_STATE, new FormData()] },
  'action app/(auth)/sign-in/two-factor/actions.ts#confirmEnrolmentAction': { access: 'moderator' },
  'action app/(auth)/sign-in/password/actions.ts#changeOwnPasswordAction': { access: 'moderator' },
  [`action ${inConsole('actions.ts')}#claimNextCaseAction`]: { access: 'moderator', args: () => [{ invalid: true }] },
  [`action ${inConsole('cases/[caseId]/actions.ts')}#takeCaseAction`]: { access: 'moderator' },
  [`action ${inConsole('cases/[caseId]/actions.ts')}#takeThisCaseAction`]: { access: 'moderator' },
  [`action ${inConsole('cases/[caseId]/actions.ts')}#renewLeaseAction`]: { access: 'moderator' },
  [`action ${inConsole('cases/[caseId]/actions.ts')}#releaseCaseAction`]: { access: 'moderator' },
  [`action ${inConsole('cases/[caseId]/actions.ts')}#reassignCaseAction`]: { access: 'supervisor' },
  [`action ${inConsole('cases/[caseId]/network-actions.ts')}#respondToNetworkAction`]: { access: 'supervisor' },
  [`action ${inConsole('cases/[caseId]/referrals/actions.ts')}#prepareReferralAction`]: { access: 'moderator', args: (f) => [form({ caseId: f.caseId })] },
  [`action ${inConsole('cases/[caseId]/referrals/actions.ts')}#recordHotlineReportAction`]: { access: 'moderator', args: (f) => [form({ caseId: f.caseId })] },
  [`action ${inConsole('cases/[caseId]/referrals/actions.ts')}#decideReferralAction`]: { access: 'supervisor', args: (f) => [form({ caseId: f.caseId })] },
  [`action ${inConsole('approvals/actions.ts')}#decideApprovalAction`]: { access: 'supervisor' },
  [`action ${inConsole('approvals/actions.ts')}#decideReferralApprovalAction`]: { access: 'supervisor' },
  [`action ${inConsole('holds/actions.ts')}#extendHoldAction`]: { access: 'supervisor' },
  [`action ${inConsole('holds/actions.ts')}#requestHoldReleaseAction`]: { access: 'supervisor' },
  [`action ${inConsole('audit/actions.ts')}#verifyChainAction`]: { access: 'supervisor' },
  [`action ${inConsole('admin/staff/actions.ts')}#createStaffAction`]: { access: 'admin' },
  [`action ${inConsole('admin/staff/actions.ts')}#disableStaffAction`]: { access: 'admin' },
  [`action ${inConsole('admin/staff/actions.ts')}#enableStaffAction`]: { access: 'admin' },
  [`action ${inConsole('admin/staff/actions.ts')}#changeStaffRoleAction`]: { access: 'admin' },
  [`action ${inConsole('admin/integrations/actions.ts')}#createApiKeyAction`]: { access: 'admin' },
  [`action ${inConsole('admin/integrations/actions.ts')}#revokeApiKeyAction`]: { access: 'admin' },
  [`action ${inConsole('admin/integrations/actions.ts')}#retryDeadLetterAction`]: { access: 'admin' },
  [`action ${inConsole('hash-lists/actions.ts')}#retireHashListAction`]: { access: 'admin' },
};

const discovered = await discoverEntryPoints();
const byKey = new Map(discovered.entries.map((e) => [e.key, e]));

/** Calls one entry point as whoever signInAs() last set, and says what came of it. */
async function call(entry: DiscoveredEntry, expectation: Expectation, headers?: Record<string, string>): Promise<Outcome> {
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, entry.file))) as Record<string, (...args: unknown[]) => unknown>;
  const fn = mod[entry.name]!;
  const params = Promise.resolve(expectation.params?.(fixtures) ?? {});
  if (entry.kind === 'page') return pageOutcome(() => fn({ params, searchParams: Promise.resolve({}) }));
  if (entry.kind === 'action') return actionOutcome(async () => fn(...(expectation.args?.(fixtures) ?? [{}])));
  const request = expectation.request?.(fixtures) ?? get('/');
  if (headers) for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
  return routeOutcome(() => fn(request, { params }) as Promise<Response>);
}

describe('the authorisation matrix covers every entry point', () => {
  it('finds pages, route handlers and actions on disk (the discovery itself works)', () => {
    const kinds = new Set(discovered.entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['action', 'page', 'route']);
  });

  it('has an expectation for every discovered entry point (a new route without one fails here)', () => {
    const missing = [...byKey.keys()].filter((key) => !(key in EXPECTATIONS));
    expect(missing, `new route without an expectation — add it to EXPECTATIONS with its minimum role:\n${missing.join('\n')}`).toEqual([]);
  });

  it('has no expectation for an entry point that no longer exists', () => {
    const stale = Object.keys(EXPECTATIONS).filter((key) => !byKey.has(key));
    expect(stale, `EXPECTATIONS names entry points that are gone:\n${stale.join('\n')}`).toEqual([]);
  });

  it("has no inline 'use server' functions, which the matrix cannot name", () => {
    expect(discovered.inlineServerActions).toEqual([]);
  });
});

const pairs = Object.entries(EXPECTATIONS).flatMap(([key, expectation]) =>
  PRINCIPALS.map((who) => [key, who, expectedOutcome(expectation.access, who), expectation] as const),
);

describe('each entry point × principal gets the expected outcome', () => {
  it.each(pairs)('%s as %s → %s', async (key, who: Principal, expected, expectation) => {
    const entry = byKey.get(key);
    expect(entry, `${key} is not on disk`).toBeDefined();
    signInAs(who === 'anonymous' ? null : staff[who]);
    expect(await call(entry!, expectation)).toBe(expected);
  });
});

describe('API-key routes', () => {
  const apiKeyRoutes = Object.entries(EXPECTATIONS).filter(([, e]) => e.access === 'api-key');

  it('exist in the table (so the positive check below runs)', () => {
    expect(apiKeyRoutes.length).toBeGreaterThan(0);
  });

  it.each(apiKeyRoutes)('%s answers a valid API key without any staff session', async (key, expectation) => {
    signInAs(null);
    expect(await call(byKey.get(key)!, expectation, { authorization: `Bearer ${fixtures.decisionsKey}` })).toBe('allowed');
  });
});

/**
 * Issue 11: the response's state changes all go through takeCaseAction (minimum role moderator) or
 * decideApprovalAction (supervisor), so the table above cannot tell a waiver (supervisors only) from
 * a note. Each verb is called here through its server action, per principal, on a case prepared for
 * it, with a real input: the outcome must match the verb's own minimum role.
 */
type VerbSetup = { caseId: string; expectedVersion: number; input: TCaseActionFormInput };
const respondingCase = async (): Promise<{ caseId: string; version: number }> => {
  const held = await caseHeldBy(staff.moderator, staff.supervisor, { category: 'grooming', reporterCountry: 'GB' });
  const r = await takeAction({ caseId: held.caseId, actor: staff.moderator, expectedVersion: held.version, input: { type: 'suspend', reasonCode: 'grooming', until: null } });
  return { caseId: held.caseId, version: r.version };
};
const CASE_VERBS: Record<string, { access: Access; setup: (who: StaffPrincipal | null) => Promise<VerbSetup> }> = {
  // On a case the caller holds (a supervisor acts on any held case; anonymous gets a moderator's).
  respond: {
    access: 'moderator',
    setup: async (who) => {
      const held = await caseHeldBy(who ?? staff.moderator, staff.admin, { category: 'grooming', reporterCountry: 'GB' });
      return { caseId: held.caseId, expectedVersion: held.version, input: { type: 'respond', enforcement: 'permanent', reasonCode: 'grooming' } };
    },
  },
  record_preservation: {
    access: 'moderator',
    setup: async () => {
      const c = await respondingCase();
      return { caseId: c.caseId, expectedVersion: c.version, input: { type: 'record_preservation' } };
    },
  },
  waive_obligation: {
    access: 'supervisor',
    setup: async () => {
      const c = await respondingCase();
      const o = await prisma.caseObligation.findFirstOrThrow({ where: { caseId: c.caseId, kind: 'referral' }, select: { id: true } });
      return { caseId: c.caseId, expectedVersion: c.version, input: { type: 'waive_obligation', obligationId: o.id, reason: 'Hotline confirmed it holds this.' } };
    },
  },
  request_stand_down: {
    access: 'moderator',
    setup: async () => {
      const held = await caseHeldBy(staff.moderator, staff.supervisor, { category: 'grooming', dangerNow: true });
      const r = await takeAction({ caseId: held.caseId, actor: staff.moderator, expectedVersion: held.version, input: { type: 'respond', enforcement: 'none', reasonCode: 'grooming', until: null } });
      const o = await prisma.caseObligation.findFirstOrThrow({ where: { caseId: held.caseId, kind: 'stand_down' }, select: { approvalId: true } });
      await decideApproval({ approvalId: o.approvalId!, actor: staff.admin, decision: 'reject', reason: 'Suspend instead.' });
      return { caseId: held.caseId, expectedVersion: r.version + 1, input: { type: 'request_stand_down', note: 'The reporter withdrew; the photos were of an adult.' } };
    },
  },
};

describe('issue 11 case verbs × principal, through takeCaseAction', () => {
  const verbPairs = Object.entries(CASE_VERBS).flatMap(([verb, v]) => PRINCIPALS.map((who) => [verb, who, expectedOutcome(v.access, who), v] as const));
  it.each(verbPairs)('%s as %s → %s', async (_verb, who: Principal, expected, verb) => {
    const principal = who === 'anonymous' ? null : staff[who];
    const setup = await verb.setup(principal);
    signInAs(principal);
    const { takeCaseAction } = await import('@/app/(console)/console/cases/[caseId]/actions');
    let result: unknown;
    expect(await actionOutcome(async () => (result = await takeCaseAction(setup)))).toBe(expected);
    // Allowed means the change really happened, not merely that the role check passed.
    if (expected === 'allowed') expect(result).toMatchObject({ ok: true });
  });
});
