import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/reports/route';
import { GET as getStatus } from '@/app/api/v1/reports/[reference]/route';
import { getPrisma } from '@/lib/db';
import { createApiKey } from '@/lib/platform/create-api-key';
import { acceptReport } from '@/lib/reports/accept-report';
import { PLATFORM_ONLY_MESSAGE } from '@/lib/reports/parse-report';
import { REFERENCE_PATTERN } from '@/lib/reports/reference';
import { ZReportInput } from '@/lib/reports/schema';
import { CLIENT_IP_HEADER } from '@/lib/security/client-source';
import { createStaffPrincipal } from '../factories/cases';
import { intakeRequest, nextIp, reportBody } from '../factories/requests';

const prisma = getPrisma();

async function counts() {
  const [reports, cases, audit] = await Promise.all([prisma.report.count(), prisma.case.count(), prisma.auditEntry.count()]);
  return { reports, cases, audit };
}

describe('POST /api/v1/reports', () => {
  it('accepts a report: 201 with a reference, a case, and a report.received audit entry', async () => {
    const response = await POST(intakeRequest(reportBody({ account: { handle: '@First.Suspect' }, contentUrls: ['https://bad.example/x'] })));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.status).toBe('received');
    expect(body.reference).toMatch(REFERENCE_PATTERN);

    const report = await prisma.report.findUniqueOrThrow({ where: { reference: body.reference }, include: { case: true, account: true } });
    expect(report.account.handle).toBe('first.suspect');
    expect(report.contentUrls).toEqual(['https://bad.example/x']);
    expect(report.case.reportCount).toBe(1);
    expect(report.case.status).toBe('open');
    expect(report.sourceHash).not.toContain('198.51');

    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { entityId: report.id } });
    expect(audit.event).toBe('report.received');
    expect(audit.caseId).toBe(report.caseId);
    expect(JSON.stringify(audit.payload)).not.toContain('@');
  });

  it('refuses an invalid report with 400 and every issue, storing nothing', async () => {
    const before = await counts();
    const response = await POST(intakeRequest({ account: {}, category: 'nonsense', description: 'x'.repeat(5001) }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('invalid_report');
    const paths = body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['account', 'category', 'description']));
    expect(await counts()).toEqual(before);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await POST(intakeRequest(null, { rawBody: '{"account":' }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_report');
  });

  it('refuses a multipart upload with a file with 415 and stores nothing of it', async () => {
    const before = await counts();
    const form = new FormData();
    form.set('report', JSON.stringify(reportBody()));
    form.set('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }), 'evidence.jpg');
    const request = new Request('http://localhost/api/v1/reports', { method: 'POST', body: form, headers: { [CLIENT_IP_HEADER]: nextIp() } });
    const response = await POST(request);
    expect(response.status).toBe(415);
    expect((await response.json()).error).toBe('unsupported_media_type');
    expect(await counts()).toEqual(before);
  });

  it('refuses text/plain with 415', async () => {
    const response = await POST(intakeRequest(reportBody(), { headers: { 'content-type': 'text/plain' } }));
    expect(response.status).toBe(415);
  });

  it('refuses a body over 64 KiB with 413, by Content-Length or by counting the stream', async () => {
    const before = await counts();
    const big = JSON.stringify(reportBody({ description: 'x'.repeat(70 * 1024) }));
    const declared = await POST(intakeRequest(null, { rawBody: big, headers: { 'content-length': String(big.length) } }));
    expect(declared.status).toBe(413);

    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const streamed = await POST(
      new Request('http://localhost/api/v1/reports', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: nextIp() },
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('limits one source to 10 reports a minute with 429 and Retry-After; other sources are unaffected', async () => {
    const ip = nextIp();
    for (let i = 0; i < 10; i++) expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(201);
    const limited = await POST(intakeRequest(reportBody(), { ip }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error).toBe('rate_limited');
    expect((await POST(intakeRequest(reportBody(), { ip: nextIp() }))).status).toBe(201);
  });

  it('folds IPv6 addresses to their /64 for the limit', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await POST(intakeRequest(reportBody(), { ip: `2001:db8:1:2::${i + 1}` }))).status).toBe(201);
    }
    expect((await POST(intakeRequest(reportBody(), { ip: '2001:db8:1:2:ffff::1' }))).status).toBe(429);
  });

  it('returns the first response for a retried Idempotency-Key without a second report', async () => {
    const ip = nextIp();
    const body = reportBody();
    const headers = { 'idempotency-key': 'retry-123' };
    const first = await POST(intakeRequest(body, { ip, headers }));
    const second = await POST(intakeRequest(body, { ip, headers }));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [await first.json(), await second.json()];
    expect(b).toEqual(a);
    expect(await prisma.report.count({ where: { reference: a.reference } })).toBe(1);
    expect(await prisma.report.count({ where: { account: { handle: body.account.handle! } } })).toBe(1);
  });

  it('gives concurrent retries with one Idempotency-Key one report', async () => {
    const ip = nextIp();
    const body = reportBody();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => POST(intakeRequest(body, { ip, headers: { 'idempotency-key': 'burst-1' } }))),
    );
    const references = new Set(await Promise.all(responses.map(async (r) => (await r.json()).reference)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(references.size).toBe(1);
    expect(await prisma.report.count({ where: { account: { handle: body.account.handle! } } })).toBe(1);
  });

  it('refuses an Idempotency-Key reused for a different report with 422', async () => {
    const ip = nextIp();
    const headers = { 'idempotency-key': 'reused-1' };
    expect((await POST(intakeRequest(reportBody(), { ip, headers }))).status).toBe(201);
    const reused = await POST(intakeRequest(reportBody(), { ip, headers }));
    expect(reused.status).toBe(422);
    expect((await reused.json()).error).toBe('idempotency_key_reused');
  });

  it('refuses an invalid API key with 401 rather than treating it as anonymous', async () => {
    const response = await POST(intakeRequest(reportBody(), { headers: { authorization: 'Bearer tc_00000000_not-a-real-key-at-all-000' } }));
    expect(response.status).toBe(401);
  });
});

describe('POST /api/v1/reports: platform facts only from platforms (issue 9, requirement 2)', () => {
  const platformFacts = {
    platformContext: { countryCode: 'GB', displayName: 'Bad Actor', ipCaptureEvents: [{ ipAddress: '203.0.113.9', eventName: 'Login' as const, dateTime: '2026-01-02T03:04:05Z' }] },
    mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6'],
  };

  it('refuses platformContext, mediaHashes and reporter.platformUserId without an API key, naming each, storing nothing', async () => {
    const before = await counts();
    const response = await POST(intakeRequest(reportBody({ ...platformFacts, reporter: { platformUserId: 'u-1', country: 'US' } })));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('invalid_report');
    expect(body.issues).toEqual([
      { path: 'platformContext', message: PLATFORM_ONLY_MESSAGE },
      { path: 'mediaHashes', message: PLATFORM_ONLY_MESSAGE },
      { path: 'reporter.platformUserId', message: PLATFORM_ONLY_MESSAGE },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('accepts them with a reports:write key and stores which API client supplied them', async () => {
    const admin = await createStaffPrincipal('admin');
    const key = await createApiKey({ name: 'platform', scopes: ['reports:write'], actor: admin });
    const response = await POST(
      intakeRequest(reportBody({ ...platformFacts, reporter: { platformUserId: 'u-1' } }), { headers: { authorization: `Bearer ${key.key}` } }),
    );
    expect(response.status).toBe(201);
    const stored = await prisma.report.findUniqueOrThrow({ where: { reference: (await response.json()).reference } });
    expect(stored.apiClientId).toBe(key.id);
    expect(stored.channel).toBe('api');
    expect(stored.mediaHashes).toEqual(platformFacts.mediaHashes);
    expect(stored.platformContext).toMatchObject({ countryCode: 'GB', displayName: 'Bad Actor' });
  });

  it('accepts platformContext.replacesAccount from a platform, and refuses a malformed one with 400 naming it', async () => {
    const admin = await createStaffPrincipal('admin');
    const key = await createApiKey({ name: 'platform-replaces', scopes: ['reports:write'], actor: admin });
    const send = (replacesAccount: unknown) =>
      POST(intakeRequest(reportBody({ platformContext: { replacesAccount } as never }), { headers: { authorization: `Bearer ${key.key}` } }));

    const ok = await send({ handle: '@Old_Handle', platformAccountId: '12345' });
    expect(ok.status).toBe(201);
    const stored = await prisma.report.findUniqueOrThrow({ where: { reference: (await ok.json()).reference } });
    expect(stored.platformContext).toMatchObject({ replacesAccount: { handle: '@Old_Handle', platformAccountId: '12345' } });

    const before = await counts();
    const cases: [unknown, string][] = [
      [{}, 'platformContext.replacesAccount'],
      [{ handle: '  ' }, 'platformContext.replacesAccount'],
      [{ handle: 'bad\u0000handle' }, 'platformContext.replacesAccount.handle'],
      [{ platformAccountId: 42 }, 'platformContext.replacesAccount.platformAccountId'],
      [{ handle: 'x', extra: 1 }, 'platformContext.replacesAccount'],
      ['old_handle', 'platformContext.replacesAccount'],
    ];
    for (const [value, path] of cases) {
      const response = await send(value);
      expect(response.status, JSON.stringify(value)).toBe(400);
      const body = await response.json();
      expect(body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses platformContext.replacesAccount without an API key, as every platform fact', async () => {
    const response = await POST(intakeRequest(reportBody({ platformContext: { replacesAccount: { handle: 'old' } } })));
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: 'platformContext', message: PLATFORM_ONLY_MESSAGE }]);
  });

  it('refuses them with a key that lacks reports:write (403), storing nothing', async () => {
    const admin = await createStaffPrincipal('admin');
    const key = await createApiKey({ name: 'reader', scopes: ['decisions:read'], actor: admin });
    const before = await counts();
    const response = await POST(intakeRequest(reportBody(platformFacts), { headers: { authorization: `Bearer ${key.key}` } }));
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('is held by the database too: a report with platform facts and no API client is refused', async () => {
    const report = ZReportInput.parse(reportBody(platformFacts));
    const before = await counts();
    await expect(acceptReport(report, { channel: 'api', sourceHash: 'src-x', reporterFingerprint: 'fp-x' })).rejects.toThrow(
      /reports_platform_facts_need_api_client/,
    );
    expect(await counts()).toEqual(before);
  });
});

describe('POST /api/v1/reports: hostile text (issue 9 req 3, issue 10 req 4)', () => {
  it.each([
    ['account.handle', '{"account":{"handle":"a\\u0000b"},"category":"grooming"}'],
    ['account.platformAccountId', '{"account":{"platformAccountId":"1\\ud8002"},"category":"grooming"}'],
    ['account.profileUrl', '{"account":{"profileUrl":"https://social.example/@a\\u0000"},"category":"grooming"}'],
    ['description', '{"account":{"handle":"a"},"category":"grooming","description":"x\\u0000y"}'],
    ['description', '{"account":{"handle":"a"},"category":"grooming","description":"x\\udfffy"}'],
    ['contentUrls.0', '{"account":{"handle":"a"},"category":"grooming","contentUrls":["https://x.example/\\u0000"]}'],
    ['reporter.email', '{"account":{"handle":"a"},"category":"grooming","reporter":{"email":"a\\u0000@mail.example"}}'],
  ])('refuses %s holding a NUL or a lone surrogate (JSON escapes) with 400 naming it', async (path, raw) => {
    const before = await counts();
    const response = await POST(intakeRequest(null, { rawBody: raw }));
    expect(response.status).toBe(400);
    expect((await response.json()).issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await counts()).toEqual(before);
  });

  it.each(['data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB', 'javascript:alert(1)', 'blob:https://x.example/1', 'file:///etc/passwd'])(
    'refuses the content link %s with 400 naming it, and the same as a profile URL',
    async (url) => {
      const links = await POST(intakeRequest(reportBody({ contentUrls: ['https://x.example/ok', url] })));
      expect(links.status).toBe(400);
      expect((await links.json()).issues).toEqual([{ path: 'contentUrls.1', message: expect.stringMatching(/^A link /) }]);
      const profile = await POST(intakeRequest(reportBody({ account: { profileUrl: url } })));
      expect(profile.status).toBe(400);
      expect((await profile.json()).issues.map((i: { path: string }) => i.path)).toEqual(['account.profileUrl']);
    },
  );

  it('refuses a data: URI in the description', async () => {
    const response = await POST(intakeRequest(reportBody({ description: 'it is this: data:image/jpeg;base64,/9j/4AAQSkZJRg==' })));
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: 'description', message: expect.stringContaining('data: URI') }]);
  });

  it('stores a bare host as the https link checkWebUrl returns', async () => {
    const response = await POST(intakeRequest(reportBody({ contentUrls: ['social.example/p/1'] })));
    expect(response.status).toBe(201);
    const stored = await prisma.report.findUniqueOrThrow({ where: { reference: (await response.json()).reference } });
    expect(stored.contentUrls).toEqual(['https://social.example/p/1']);
  });

  it('refuses an Idempotency-Key with a control character with 400', async () => {
    const response = await POST(intakeRequest(reportBody(), { headers: { 'idempotency-key': 'key\u0001' } }));
    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain('Idempotency-Key');
  });
});

describe('GET /api/v1/reports/{reference}', () => {
  it('shows the coarse status only', async () => {
    const created = await (await POST(intakeRequest(reportBody({ account: { handle: 'lookup_target' } })))).json();
    const response = await getStatus(new Request(`http://localhost/api/v1/reports/${created.reference}`, { headers: { [CLIENT_IP_HEADER]: nextIp() } }), {
      params: Promise.resolve({ reference: created.reference.toLowerCase() }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['receivedAt', 'reference', 'status']);
    expect(body.status).toBe('received');
    expect(JSON.stringify(body)).not.toContain('lookup_target');
  });

  it('answers 404 for an unknown reference', async () => {
    const response = await getStatus(new Request('http://localhost/x', { headers: { [CLIENT_IP_HEADER]: nextIp() } }), {
      params: Promise.resolve({ reference: 'TC-2222-2222' }),
    });
    expect(response.status).toBe(404);
  });
});
