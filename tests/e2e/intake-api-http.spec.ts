import { expect, test } from '@playwright/test';
import { REFERENCE, uniqueHandle } from './helpers';

// The intake API as the production server answers it (scripts/serve.mjs serves POST /api/v1/reports
// ahead of Next.js): the same statuses, bodies and security headers as every other response.
const SECURITY_HEADERS = ['content-security-policy', 'referrer-policy', 'x-content-type-options', 'x-frame-options'];

test('a valid report gets 201, a reference, a request ID, no caching and the security headers', async ({ request }) => {
  const response = await request.post('/api/v1/reports', {
    data: { account: { handle: uniqueHandle('http') }, category: 'grooming', description: 'fast path' },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { reference: string; status: string };
  expect(body.reference).toMatch(REFERENCE);
  expect(body.status).toBe('received');
  const headers = response.headers();
  for (const name of SECURITY_HEADERS) expect(headers[name], name).toBeTruthy();
  expect(headers['content-security-policy']).toContain("img-src 'self' data:");
  expect(headers['cache-control']).toBe('no-store');
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

  const status = await request.get(`/api/v1/reports/${body.reference}`);
  expect(status.status()).toBe(200);
});

test('bad input gets a clear error: 400 with field issues, 415 for a file upload, 413 for an oversized body', async ({ request }) => {
  const invalid = await request.post('/api/v1/reports', { data: { account: {}, category: 'not-a-category' } });
  expect(invalid.status()).toBe(400);
  const issues = (await invalid.json()) as { error: string; issues: unknown[] };
  expect(issues.error).toBe('invalid_report');
  expect(issues.issues.length).toBeGreaterThan(0);
  expect(invalid.headers()['x-frame-options']).toBe('DENY');

  const upload = await request.post('/api/v1/reports', {
    multipart: { file: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) } },
  });
  expect(upload.status()).toBe(415);

  const huge = await request.post('/api/v1/reports', {
    headers: { 'content-type': 'application/json' },
    data: JSON.stringify({ account: { handle: 'x' }, category: 'grooming', description: 'x'.repeat(70_000) }),
  });
  expect(huge.status()).toBe(413);

  // The next request on the same kept-alive connection is still answered: the refused body's unread
  // bytes do not stall it.
  const broken = await request.post('/api/v1/reports', { headers: { 'content-type': 'application/json' }, data: '{"account":' });
  expect(broken.status()).toBe(400);
});

test('other methods on the intake path still get Next.js answers', async ({ request }) => {
  const response = await request.get('/api/v1/reports');
  expect(response.status()).toBe(405);
});

test('platform facts without an API key are refused with 400 naming each field (issue 9, requirement 2)', async ({ request }) => {
  const response = await request.post('/api/v1/reports', {
    data: {
      account: { handle: uniqueHandle('forged') },
      category: 'grooming',
      mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6'],
      platformContext: { countryCode: 'GB' },
      reporter: { platformUserId: 'u-1' },
    },
  });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { issues: { path: string; message: string }[] };
  expect(body.issues.map((i) => i.path)).toEqual(['platformContext', 'mediaHashes', 'reporter.platformUserId']);
  for (const issue of body.issues) expect(issue.message).toMatch(/^Only accepted from a platform with an API key/);
});

test('NUL, lone surrogates and data: links are 400s naming the field, never 500s (issue 10, requirement 4)', async ({ request }) => {
  for (const [path, raw] of [
    ['account.handle', '{"account":{"handle":"a\\u0000b"},"category":"grooming"}'],
    ['description', '{"account":{"handle":"a"},"category":"grooming","description":"x\\ud800y"}'],
    ['contentUrls.0', '{"account":{"handle":"a"},"category":"grooming","contentUrls":["data:image/png;base64,iVBORw0KGgo="]}'],
  ]) {
    const response = await request.post('/api/v1/reports', { headers: { 'content-type': 'application/json' }, data: raw });
    expect(response.status(), raw).toBe(400);
    expect(((await response.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path);
  }
});

test('an undecodable path is a 400 with the security headers, on pages and the API (issue 10, requirement 4)', async ({ request }) => {
  for (const path of ['/report/received/%ED%A0%80', '/api/v1/reports/%ED%A0%80', '/report/received/%ZZ', '/console/audit/%C0%AF']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    const headers = response.headers();
    for (const name of SECURITY_HEADERS) expect(headers[name], `${path} ${name}`).toBeTruthy();
  }
  const post = await request.post('/api/v1/reports/%ED%A0%80', { data: {} });
  expect(post.status()).toBe(400);
  expect(((await post.json()) as { error: string }).error).toBe('invalid_request');
});
