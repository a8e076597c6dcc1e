import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signInAs } from './auth';
import { uniqueHandle } from './helpers';

/**
 * The hard rule, end to end: a case whose links and description point at a server we control is
 * opened by a moderator, and that server receives no request at all — not from the browser (no
 * anchor, image, frame or preview), not from our server (nothing is fetched) — while the security
 * headers that would stop a stray one are in place.
 */

let server: Server;
let base = '';
const hits: string[] = [];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64');

test.beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    if (request.url?.endsWith('.png')) response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>canary</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a case with links to a canary server makes zero requests to it, and shows the links defanged', async ({ page, request, context }) => {
  // The canary itself works: a direct request is counted (so zero below means something).
  expect((await fetch(`${base}/self-check`)).status).toBe(200);
  expect(hits).toEqual(['GET /self-check']);
  hits.length = 0;

  const handle = uniqueHandle('canary');
  const links = [`${base}/page.html`, `${base}/image.png`];
  const description = `Posts this: <img src="${base}/image.png"> and <iframe src="${base}/page.html"></iframe> see ${base}/page.html`;
  const filed = await request.post('/api/v1/reports', {
    data: { account: { handle, profileUrl: `${base}/profile` }, category: 'child_sexual_imagery', description, contentUrls: links },
  });
  expect(filed.status()).toBe(201);
  const { reference } = (await filed.json()) as { reference: string };

  await signInAs(page, 'moderator');
  await page.goto(`/console?q=${encodeURIComponent(reference)}`);
  const row = page.locator('tr[data-case-id]');
  await expect(row).toHaveCount(1);
  const caseId = await row.getAttribute('data-case-id');

  const response = (await page.goto(`/console/cases/${caseId}`))!;
  expect(response.status()).toBe(200);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { name: reference })).toBeVisible();

  // Headers that stop any stray load: images only from us, no frames either way, no referrer.
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("img-src 'self' data:");
  expect(headers['content-security-policy']).toContain("frame-src 'none'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('no-referrer');

  // The description is text: its markup shows as characters, and makes no element.
  await expect(page.getByText('Posts this: <img src=', { exact: false })).toBeVisible();
  // The links are defanged text, never anchors, images or frames.
  const port = new URL(base).port;
  const defanged = page.locator('[data-inert-link]');
  await expect(defanged.filter({ hasText: `hxxp://127[.]0[.]0[.]1:${port}/page.html` })).toHaveCount(1);
  await expect(defanged.filter({ hasText: `hxxp://127[.]0[.]0[.]1:${port}/image.png` })).toHaveCount(1);
  await expect(defanged.filter({ hasText: `hxxp://127[.]0[.]0[.]1:${port}/profile` })).toHaveCount(1);
  // No media or frame element at all on the case page (Next's own same-origin <link rel=preload> for
  // scripts and styles is fine; the attribute scan below catches any link to the canary).
  await expect(page.locator('img, picture, source, iframe, frame, object, embed, video, audio, portal')).toHaveCount(0);
  await expect(page.locator('a[href^="http"]:not([href^="/"])')).toHaveCount(0);
  const pointing = await page.evaluate((needle) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) if (attr.value.includes(needle)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
    }
    return found;
  }, `127.0.0.1:${port}`);
  expect(pointing).toEqual([]);

  // Copy gives the original text, and copying fetches nothing either.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: `Copy original link 1 of report ${reference}` }).click();
  await expect(page.getByText('Copied').first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(links[0]);

  await page.waitForTimeout(500);
  expect(hits).toEqual([]);
});

test('a handle, account ID and description with links and a right-to-left override show defanged and escaped, and fetch nothing', async ({ page, request }) => {
  hits.length = 0;
  const port = new URL(base).port;
  const handle = `@${base}/evil.jpg`;
  const accountId = `id-${Date.now().toString(36)}\u202Egpj.exe`;
  const description = `Sends kids to ${base}/page.html and www.canary-${port}.example/x; file photo\u202Egpj.exe`;
  const filed = await request.post('/api/v1/reports', {
    data: { account: { handle, platformAccountId: accountId }, category: 'grooming', description },
  });
  expect(filed.status()).toBe(201);
  const { reference } = (await filed.json()) as { reference: string };
  const shownHandle = `@hxxp://127[.]0[.]0[.]1:${port}/evil.jpg`;

  await signInAs(page, 'moderator');
  await page.goto(`/console?q=${encodeURIComponent(reference)}`);
  const row = page.locator('tr[data-case-id]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(shownHandle);
  await expect(row).toContainText('⟨U+202E⟩gpj[.]exe');
  await expectNothingLive(page, port);

  await page.goto(`/console/cases/${await row.getAttribute('data-case-id')}`);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(shownHandle);
  await expect(page.getByRole('region', { name: 'Account', exact: true })).toContainText('⟨U+202E⟩gpj[.]exe');
  await expect(page.getByRole('region', { name: /^Reports/ })).toContainText(`Sends kids to hxxp://127[.]0[.]0[.]1:${port}/page.html and www[.]canary-${port}[.]example/x; file photo⟨U+202E⟩gpj[.]exe`);
  await expectNothingLive(page, port);

  await page.waitForTimeout(500);
  expect(hits).toEqual([]);
});

/** No live copy of the canary's address and no bidi override anywhere in the page's text or attributes. */
async function expectNothingLive(page: import('@playwright/test').Page, port: string) {
  const found = await page.evaluate((needle) => {
    const problems: string[] = [];
    const text = document.body.innerText;
    if (text.includes(needle)) problems.push('address in text');
    if (/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(text)) problems.push('bidi or invisible character in text');
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) if (attr.value.includes(needle)) problems.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
    }
    return problems;
  }, `127.0.0.1:${port}`);
  expect(found).toEqual([]);
}
