import { createRequire } from 'node:module';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { submitReport } from '@/app/(public)/report/actions';
import ReceivedPage from '@/app/(public)/report/received/[reference]/page';
import StatusPage from '@/app/(public)/report/status/page';
import { GET as getStatus } from '@/app/api/v1/reports/[reference]/route';
import { getPrisma } from '@/lib/db';
import { INITIAL_REPORT_FORM_STATE, type ReportFormState } from '@/lib/reports/form-state';
import { LOOKUPS_PER_MINUTE_PER_SOURCE } from '@/lib/reports/rate-limit';
import { CLIENT_IP_HEADER } from '@/lib/security/client-source';
import { nextIp } from '../factories/requests';

/**
 * The public form and status pages, called as Next calls them. `headers()` needs Next's request
 * scope, so it is replaced by the headers our server would set (the client address); nothing
 * else is mocked.
 */
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));

const prisma = getPrisma();
const from = (ip: string) => {
  request.headers = new Headers({ [CLIENT_IP_HEADER]: ip });
};

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const validFields = (handle: string) => ({
  account: handle,
  category: 'grooming',
  description: 'Asked my child to keep their chats secret.',
  submissionId: crypto.randomUUID(),
});

/** Runs the form action: the reference it redirected to, or the state it returned. */
async function submit(fields: Record<string, string>): Promise<{ reference: string } | ReportFormState> {
  try {
    return await submitReport(INITIAL_REPORT_FORM_STATE, formData(fields));
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    const match = /^NEXT_REDIRECT;[^;]*;\/report\/received\/([^;]+);/.exec(digest);
    if (!match) throw error;
    return { reference: decodeURIComponent(match[1]!) };
  }
}

/**
 * In production the limiter on globalThis may have been made by another bundle (the intake fast path,
 * or another layer of Next's server), whose copy of rate-limiter-flexible has its own RateLimiterRes
 * class. The same here: a second copy of the library, loaded apart from the one the app imports.
 */
function limiterFromAnotherBundle(id: string, perMinute: number) {
  const require = createRequire(import.meta.url);
  for (const file of Object.keys(require.cache)) if (file.includes('/rate-limiter-flexible/')) delete require.cache[file];
  const { RateLimiterMemory } = require('rate-limiter-flexible') as typeof import('rate-limiter-flexible');
  const limiters = ((globalThis as { tcRateLimiters?: Map<string, unknown> }).tcRateLimiters ??= new Map());
  limiters.set(id, new RateLimiterMemory({ keyPrefix: id, points: perMinute, duration: 60 }));
}

describe('the report form tells the truth (issue 10, requirement 5)', () => {
  it('says the 11th report from one address was not sent, that the limit was reached, and when to try again', async () => {
    limiterFromAnotherBundle('reports:10', 10);
    from(nextIp());
    for (let i = 0; i < 10; i++) expect(await submit(validFields(`form_limit_${i}`))).toHaveProperty('reference');
    const before = await prisma.report.count();
    const limited = await submit(validFields('form_limit_11'));
    expect(limited).toMatchObject({ status: 'error', fieldErrors: {} });
    const message = (limited as ReportFormState).formError!;
    expect(message).toMatch(/^Your report was not sent/);
    expect(message).toContain('limit of 10 reports a minute');
    expect(message).toMatch(/try again in \d+ seconds?\.$/);
    expect(message).not.toContain('Something went wrong');
    // What was typed is kept, so sending again later needs no retyping.
    expect((limited as ReportFormState).values.account).toBe('form_limit_11');
    expect(await prisma.report.count()).toBe(before);
  });

  it('shows each refused field next to that field, with the same messages as the API', async () => {
    from(nextIp());
    const state = (await submit({
      ...validFields('javascript:alert(1)'),
      accountId: '12\u000734',
      description: 'see data:image/png;base64,iVBORw0KGgoAAAANSUhEUg',
      contentUrls: 'https://social.example/p/1\nfile:///etc/passwd',
      email: 'kim\u0000@mail.example',
    })) as ReportFormState;
    expect(state.status).toBe('invalid');
    expect(state.fieldErrors).toEqual({
      account: ['Profile URL must be an http:// or https:// link (other kinds, such as data:, javascript: or file:, are refused)'],
      accountId: ['Account ID contains a control character (such as NUL); remove it'],
      description: [expect.stringMatching(/^The description contains a data: URI/)],
      contentUrls: ['Line 2: A link must be an http:// or https:// link (other kinds, such as data:, javascript: or file:, are refused)'],
      email: ['The e-mail address contains a control character (such as NUL); remove it'],
    });
  });

  it('files a report whose links have no scheme as https links', async () => {
    from(nextIp());
    const sent = await submit({ ...validFields('form_bare_links'), contentUrls: 'social.example/p/9' });
    expect(sent).toHaveProperty('reference');
    const stored = await prisma.report.findUniqueOrThrow({ where: { reference: (sent as { reference: string }).reference } });
    expect(stored.contentUrls).toEqual(['https://social.example/p/9']);
    expect(stored.apiClientId).toBeNull();
  });
});

describe('the status pages share the lookup limit (issue 10, requirement 5)', () => {
  const lookupJson = (ip: string, reference: string) =>
    getStatus(new Request(`http://localhost/api/v1/reports/${reference}`, { headers: { [CLIENT_IP_HEADER]: ip } }), {
      params: Promise.resolve({ reference }),
    });
  const statusPage = async (reference: string) =>
    renderToStaticMarkup(await StatusPage({ searchParams: Promise.resolve({ reference }) }));
  const receivedPage = async (reference: string) =>
    renderToStaticMarkup(await ReceivedPage({ params: Promise.resolve({ reference }) }));

  it('/report/status and /report/received/{ref} stop answering once the JSON lookups used up the limit', async () => {
    from(nextIp());
    const sent = (await submit(validFields('lookup_shared'))) as { reference: string };
    const ip = nextIp();
    from(ip);
    expect(await statusPage(sent.reference)).toContain('data-testid="report-status"');
    expect(await receivedPage(sent.reference)).toContain(sent.reference);
    for (let i = 2; i < LOOKUPS_PER_MINUTE_PER_SOURCE; i++) expect((await lookupJson(ip, sent.reference)).status).toBe(200);
    expect((await lookupJson(ip, sent.reference)).status).toBe(429);

    const status = await statusPage(sent.reference);
    expect(status).toContain('Too many status look-ups from your connection (the limit is 30 a minute)');
    expect(status).not.toContain('data-testid="report-status"');
    const received = await receivedPage(sent.reference);
    expect(received).toContain('Too many look-ups');
    expect(received).not.toContain(sent.reference);

    // Another address is unaffected.
    from(nextIp());
    expect(await statusPage(sent.reference)).toContain('data-testid="report-status"');
  });

  it('a hostile reference is simply not found', async () => {
    from(nextIp());
    expect(await statusPage('\u0000\ud800%ED%A0%80')).toContain('No report has this reference');
    await expect(receivedPage('\u0000\ud800')).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
  });
});
