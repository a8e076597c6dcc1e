import { expect, test } from '@playwright/test';
import { formParts, REFERENCE, tabTo, uniqueHandle } from './helpers';

test('a person reports with the keyboard only and can check the status', async ({ page }) => {
  const form = formParts(page);
  await page.goto('/report');

  await tabTo(page, form.account);
  // The focused control shows a visible ring.
  expect(await form.account.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.type(uniqueHandle('keyboard'));

  // Tab lands on the first radio of the group; Space picks it, arrows move the choice.
  await tabTo(page, form.category('Sexual images or videos of a child'));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(form.category('An adult trying to groom or meet a child')).toBeChecked();

  await tabTo(page, form.dangerNow);
  await page.keyboard.press('Space');
  await expect(form.dangerNow).toBeChecked();
  await expect(form.emergencyGuidance).toBeVisible();

  await tabTo(page, form.description);
  await page.keyboard.type('He keeps messaging my daughter and asking her to delete the chat.');
  await expect(page.getByText(/4,9\d\d characters left/)).toBeVisible();

  await tabTo(page, form.links);
  await page.keyboard.type('https://social.example/p/123');
  await page.keyboard.press('Enter');
  await page.keyboard.type('https://social.example/p/456');

  await tabTo(page, form.submit);
  await page.keyboard.press('Enter');

  await page.waitForURL(/\/report\/received\//);
  const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(REFERENCE);

  await tabTo(page, page.getByRole('link', { name: 'Check the status of your report' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-status')).toHaveText('Received');

  // Typing the reference back in (any case, no dashes) finds it too.
  await page.goto('/report/status');
  await tabTo(page, page.getByRole('textbox', { name: 'Reference' }));
  await page.keyboard.type(reference.toLowerCase().replaceAll('-', ''));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-status')).toHaveText('Received');
});

test('a failed submit focuses the error summary, links to the fields and keeps what was typed', async ({ page }) => {
  const form = formParts(page);
  await page.goto('/report');
  await form.description.fill('Something I saw last night.');
  await form.country.selectOption('GB');
  await form.email.fill('not-an-address');
  await form.submit.click();

  await expect(form.errorSummary).toBeFocused();
  await expect(form.errorSummary).toContainText('Tell us which account');
  await expect(form.errorSummary).toContainText('Choose what is happening');
  await expect(form.account).toHaveAttribute('aria-invalid', 'true');
  await expect(form.account).toHaveAccessibleDescription(/Tell us which account/);
  await expect(form.email).toHaveAttribute('aria-invalid', 'true');
  await expect(form.description).toHaveValue('Something I saw last night.');
  await expect(form.country).toHaveValue('GB');
  await expect(form.email).toHaveValue('not-an-address');

  await form.errorSummary.getByRole('link', { name: /Choose what is happening/ }).click();
  await expect(form.category('Sexual images or videos of a child')).toBeFocused();
});

test('the status page says clearly when no report has a reference', async ({ page }) => {
  await page.goto('/report/status?reference=TC-2222-2222');
  await expect(page.getByText('No report has this reference.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Reference' })).toHaveAttribute('aria-invalid', 'true');
  await page.goto('/report/status?reference=not-a-reference');
  await expect(page.getByText('No report has this reference.')).toBeVisible();
});

test('an unknown receipt is a calm not-found page', async ({ page }) => {
  const response = await page.goto('/report/received/TC-2222-2222');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page');
});
