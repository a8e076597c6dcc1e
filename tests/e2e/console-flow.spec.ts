import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './auth';

/** The id of the case the page navigated to. */
async function openedCase(page: Page): Promise<string> {
  await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1)!;
}

test('a moderator takes the next case, suspends the account with a reason, and the case leaves the queue', async ({ page }) => {
  await signInAs(page, 'moderator');
  await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();

  await page.getByRole('button', { name: /Next case/ }).first().click();
  const caseId = await openedCase(page);
  await expect(page.getByTestId('lease')).toContainText('(you)');
  await expect(page.locator('tr[data-case-id]')).toHaveCount(0);

  await page.getByRole('button', { name: /^Suspend(?!,)/ }).click();
  const form = page.getByRole('form', { name: 'Suspend' });
  await form.getByRole('radio', { name: /Grooming a child/ }).check();
  await form.getByLabel(/^Note/).fill('Confirmed grooming messages in the reports.');
  await form.getByRole('button', { name: /Suspend account/ }).click();
  // Closed at once, or responding (a reportable case still owes preservation and referrals): either
  // way it has left the queue.
  await expect(page.getByText(/^(Resolution: account suspended|Responding: obligations outstanding)$/).first()).toBeVisible();
  await expect(page.getByText('Suspended the account')).toBeVisible();

  await page.goto('/console');
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.locator(`tr[data-case-id="${caseId}"]`)).toHaveCount(0);
});

test('a stale page gets a clear conflict, never a silent overwrite', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await signInAs(a, 'moderator2');
  await a.getByRole('button', { name: /Next case/ }).first().click();
  const caseId = await openedCase(a);

  await signInAs(b, 'moderator2', `/console/cases/${caseId}`);
  await b.getByRole('button', { name: /Add note/ }).click();
  await b.getByLabel(/^Note \(internal/).fill('Colleague note added meanwhile.');
  await b.getByRole('button', { name: /^Add note/ }).last().click();
  await expect(b.getByRole('listitem').filter({ hasText: 'Colleague note added meanwhile.' })).toBeVisible();

  await a.getByRole('button', { name: /^Dismiss/ }).click();
  await a.getByRole('radio', { name: 'No violation found' }).check();
  await a.getByRole('button', { name: /Dismiss case/ }).click();
  const alert = a.getByRole('alert').filter({ hasText: 'This case changed since you opened it — reload' });
  await expect(alert).toBeVisible();
  await expect(a.getByText('Resolution: dismissed')).toHaveCount(0);

  await alert.getByRole('button', { name: 'Reload the case' }).click();
  await expect(a.getByText('Colleague note added meanwhile.')).toBeVisible();
  await a.getByRole('button', { name: /^Dismiss/ }).click();
  await a.getByRole('radio', { name: 'No violation found' }).check();
  await a.getByRole('button', { name: /Dismiss case/ }).click();
  await expect(a.getByText('Resolution: dismissed')).toBeVisible();
  await first.close();
  await second.close();
});

test('the holder can release a claim, and the case goes back to the queue', async ({ page }) => {
  await signInAs(page, 'supervisor');
  await page.getByRole('button', { name: /Next case/ }).first().click();
  const caseId = await openedCase(page);
  await expect(page.getByTestId('lease')).toContainText('(you)');
  await page.getByRole('button', { name: 'Release claim' }).click();
  await page.getByRole('radio', { name: /End of shift/ }).check();
  await page.getByRole('button', { name: /Release to the queue/ }).click();
  await expect(page.getByTestId('lease')).toContainText('Nobody holds this case');
  await expect(page.getByRole('listitem').filter({ hasText: /^Released/ })).toContainText('End of shift');
  // Back in the queue (another test may already have claimed it again, so any open status will do).
  await page.goto('/console');
  await expect(page.locator(`tr[data-case-id="${caseId}"]`)).toHaveCount(1);
});

test('a moderator gets 403 on a supervisor-only page', async ({ page }) => {
  await signInAs(page, 'moderator');
  const response = await page.goto('/console/audit');
  expect(response?.status()).toBe(403);
});
