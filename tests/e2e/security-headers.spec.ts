import { expect, test, type Page } from '@playwright/test';
import { DEMO_SIGN_INS, fillSignIn, signInAs } from './auth';
import { sendValidReport } from './helpers';

/** Collects every Content-Security-Policy violation the page reports, by event and in the console. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test('pages carry a per-request nonce CSP without unsafe-inline scripts, and no HSTS over plain http', async ({ request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
  const policies = [first, second].map((r) => r.headers()['content-security-policy'] ?? '');
  for (const policy of policies) {
    const script = policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(script).not.toContain('unsafe-inline');
  }
  expect(policies[0]).not.toBe(policies[1]);
  // The nonce in the header is the one on the page's scripts.
  const nonce = /'nonce-([^']+)'/.exec(policies[0] ?? '')?.[1];
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  // TRUST_PROXY is off here: a client's X-Forwarded-Proto is not believed.
  expect(second.headers()['strict-transport-security']).toBeUndefined();
});

test('the report form, sign-in and console pages run with no CSP violation', async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto('/report');
  await sendValidReport(page);

  await signInAs(page, 'admin');
  for (const path of ['/console', '/console/approvals', '/console/audit', '/console/metrics', '/console/holds', '/console/admin/staff', '/console/admin/integrations']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  // Client-side navigation too (hydrated links).
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Queue' }).click();
  await page.waitForURL((url) => url.pathname === '/console');
  expect(violations).toEqual([]);
});

test('?next= that resolves off-site is ignored on sign-in, when signed in, and on the two-factor page', async ({ page }) => {
  const violations = watchCsp(page);
  const host = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1').host;
  await page.goto(`/sign-in?next=${encodeURIComponent('/a/..//evil.example/x')}`);
  await fillSignIn(page, DEMO_SIGN_INS.moderator.email, DEMO_SIGN_INS.moderator.password);
  await page.waitForURL((url) => url.pathname === '/console');
  expect(new URL(page.url()).host).toBe(host);

  for (const next of ['/a/..//evil.example/x', '/\\evil.example', '/%2f%2fevil.example', '/%5cevil.example', '/%09/evil.example']) {
    // Signed in: the sign-in page redirects at once.
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    expect(new URL(page.url()).host).toBe(host);
    expect(new URL(page.url()).pathname).toBe('/console');
    // The two-factor page renders its "Not now" link from ?next=.
    await page.goto(`/sign-in/two-factor?next=${encodeURIComponent(next)}`);
    await expect(page.getByRole('link', { name: 'Not now' })).toHaveAttribute('href', '/console');
  }
  expect(violations).toEqual([]);
});
