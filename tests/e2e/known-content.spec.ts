import { expect, test } from '@playwright/test';
import { createApiKeyAsAdmin, signInAs } from './auth';
import { openCaseOf, uniqueHandle } from './helpers';

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');

/** `pdq` (64 hex digits) with its first `bits` bits flipped: Hamming distance exactly `bits`. */
function flipBits(pdq: string, bits: number): string {
  const words = pdq.match(/.{8}/g)!.map((w) => parseInt(w, 16));
  for (let b = 0; b < bits; b++) words[b >> 5] = (words[b >> 5]! ^ (1 << (31 - (b & 31)))) >>> 0;
  return words.map((w) => w.toString(16).padStart(8, '0')).join('');
}

test('a list imported in the console marks a platform report whose hashes match it, with list and distance, as text only', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const md5 = hex(32);
  const pdq = hex(64);
  const name = `E2E known ${Date.now().toString(36)}`;

  await signInAs(page, 'admin', '/console/hash-lists');
  const csv = ['hash,label', `MD5:${md5},series M`, `PDQ:${pdq},series P`].join('\n');
  await page.locator('#list-file').fill(csv);
  await page.locator('#list-name').fill(name);
  await page.locator('#list-source').fill('E2E hotline');
  await page.locator('#list-category').selectOption('child_sexual_imagery');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 hashes' })).toBeVisible();

  // A platform reports an account, sending hashes only: one exact MD5, one PDQ 9 bits away.
  const apiKey = await createApiKeyAsAdmin(browser, ['reports:write']);
  const filed = await page.request.post('/api/v1/reports', {
    headers: { authorization: `Bearer ${apiKey}` },
    data: {
      account: { handle: uniqueHandle('known').slice(1) },
      category: 'child_sexual_imagery',
      mediaHashes: [`MD5:${md5.toUpperCase()}`, `PDQ:${flipBits(pdq, 9)}`],
    },
  });
  expect(filed.status()).toBe(201);
  const { reference } = (await filed.json()) as { reference: string };

  await openCaseOf(page, reference);
  const panel = page.getByRole('region', { name: 'Known content' });
  // The worker matches within seconds of the report; the page shows it once it is there.
  await expect(async () => {
    await page.reload();
    await expect(panel).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(panel).toContainText(`Known content: list ${name}, MD5, exact match`);
  await expect(panel).toContainText(`Known content: list ${name}, PDQ, distance 9 of 256 bits`);
  await expect(panel).toContainText('entry series P');
  await expect(panel).toContainText(reference);

  // The score says why: the known-content part, once the worker has rescored the case.
  const priority = page.getByRole('region', { name: 'Why this priority' });
  await expect(async () => {
    await page.reload();
    await expect(priority.getByRole('row', { name: /Known content/ }).getByRole('cell').first()).toHaveText('40', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // Hashes are text: nothing on the page is an image, a media element or a link out.
  await expect(page.locator('main img, main video, main audio, main picture, main iframe, main object, main embed')).toHaveCount(0);
  await expect(panel.locator('a')).toHaveCount(0);
});
