import { expect, test } from '@playwright/test';
import { signInAs } from './auth';

/**
 * Issue 10, requirement 4, over real HTTP against the production server (scripts/serve.mjs in
 * front of Next): the console URLs the outside review answered with a 500 now answer 4xx (or the
 * page with its own message), and a server action with a forged Origin is refused 403.
 */

test.describe('hostile console URLs, as a signed-in supervisor', () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, 'supervisor');
  });

  const cases: [string, number][] = [
    ['/console/audit/9999999999999999999', 404],
    // An undecodable path is refused by scripts/serve.mjs before Next (lib/http/request-target.js).
    ['/console/audit/%ED%A0%80', 400],
    ['/console/audit?before=9999999999999999999', 200],
    ['/console/audit?actor=%00', 200],
    ['/console/audit?from=-271821-04-20T00:00', 200],
    ['/api/v1/audit/export?actor=a%00', 400],
    ['/api/v1/audit/export?from=-271821-04-20T00:00', 400],
    ['/console?q=%00', 200],
    ['/console?q=%ED%A0%80&cursor=' + 'x'.repeat(300), 200],
    ['/console/cases/not-a-uuid', 404],
    ['/console/cases/not-a-uuid/referrals', 404],
    ['/console/cases/5f0c6a52-8a7e-4f31-9a38-3f1a2b4c5d6e/referrals', 404],
    ['/console/cases/%ED%A0%80/referrals', 400],
  ];

  test('each answers its 4xx, or the page with its own message: never a 5xx', async ({ page }) => {
    for (const [url, status] of cases) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      expect.soft(response.status(), `${url}: ${(await response.text()).slice(0, 200)}`).toBe(status);
    }
  });

  test('the audit page names the refused actor filter instead of failing', async ({ page }) => {
    await page.goto('/console/audit?actor=a%00b');
    await expect(page.getByText(/control character/)).toBeVisible();
  });
});

test('a server action with a forged Origin is refused 403 (Next alone would answer 500)', async ({ page }) => {
  await signInAs(page, 'admin');
  const attempts = [
    ['a fetch action from another site', { 'next-action': '00'.repeat(21), origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' }],
    ['a fetch action with an Origin that is not a URL', { 'next-action': '00'.repeat(21), origin: 'garbage', 'content-type': 'text/plain;charset=UTF-8' }],
    ['a no-JavaScript form post from another site', { origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' }],
  ] as const;
  for (const [what, headers] of attempts) {
    const response = await page.request.post('/console/admin/staff', { headers, data: '--x--\r\n', maxRedirects: 0 });
    expect.soft(response.status(), `${what}: ${(await response.text()).slice(0, 200)}`).toBe(403);
  }
});
