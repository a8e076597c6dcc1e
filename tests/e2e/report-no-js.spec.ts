import { expect, test } from '@playwright/test';
import { formParts, REFERENCE, uniqueHandle } from './helpers';

test.use({ javaScriptEnabled: false });

test('without JavaScript, errors render with the typed values kept, and a fixed report is received', async ({ page }) => {
  const form = formParts(page);
  await page.goto('/report');

  // The emergency guidance is revealed by CSS alone.
  await expect(form.emergencyGuidance).toBeHidden();
  await form.dangerNow.check();
  await expect(form.emergencyGuidance).toBeVisible();

  await form.description.fill('Line one\nLine two');
  await form.links.fill('https://social.example/p/1\nhttps://social.example/p/2');
  await form.country.selectOption('US');
  await form.submit.click();

  // A full page load from the server action, with the summary in the HTML.
  await expect(form.errorSummary).toBeVisible();
  await expect(form.errorSummary).toContainText('Tell us which account');
  await expect(form.errorSummary).toContainText('Choose what is happening');
  await expect(form.account).toHaveAttribute('aria-invalid', 'true');
  await expect(form.dangerNow).toBeChecked();
  await expect(form.emergencyGuidance).toBeVisible();
  await expect(form.description).toHaveValue('Line one\nLine two');
  await expect(form.links).toHaveValue('https://social.example/p/1\nhttps://social.example/p/2');
  await expect(form.country).toHaveValue('US');
  // Links someone typed are never turned into anchors.
  await expect(page.locator('a[href*="social.example"]')).toHaveCount(0);

  await form.account.fill(uniqueHandle('nojs'));
  await form.category('Sexual material sent to a child').check();
  await form.submit.click();

  await page.waitForURL(/\/report\/received\//);
  await expect(page.getByTestId('reference')).toHaveText(REFERENCE);
  await page.getByRole('link', { name: 'Check the status of your report' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Received');
});
