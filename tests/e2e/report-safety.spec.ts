import { expect, test } from '@playwright/test';
import { formParts, overflowsHorizontally, sendValidReport } from './helpers';

test('the form has no file input, no images, and says not to share the material', async ({ page }) => {
  await page.goto('/report');
  await expect(page.locator('input[type=file]')).toHaveCount(0);
  await expect(page.locator('img, picture, video, iframe, object, embed')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /don’t share or save the material/ })).toBeVisible();
  await expect(page.getByText(/share, retweet, forward, download or screenshot/)).toBeVisible();
});

test('/report?account= pre-fills the account box', async ({ page }) => {
  await page.goto('/report?account=@Some.Name');
  await expect(formParts(page).account).toHaveValue('@Some.Name');
});

test.describe('at 360px wide', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('nothing overflows horizontally on the form, its errors, the receipt or the status page', async ({ page }) => {
    const form = formParts(page);
    await page.goto('/report?account=https://social.example/@a.very.long.handle.that.keeps.going.and.going.and.going');
    expect(await overflowsHorizontally(page)).toBe(false);

    await form.dangerNow.check();
    await form.links.fill(`https://social.example/p/${'x'.repeat(300)}`);
    await form.submit.click();
    await expect(form.errorSummary).toBeVisible();
    expect(await overflowsHorizontally(page)).toBe(false);

    await sendValidReport(page);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.getByRole('link', { name: 'Check the status of your report' }).click();
    await expect(page.getByTestId('report-status')).toBeVisible();
    expect(await overflowsHorizontally(page)).toBe(false);
  });
});
