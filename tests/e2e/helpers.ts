import { expect, type Locator, type Page } from '@playwright/test';

export const REFERENCE = /^TC-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/** A distinct handle per test, so parallel tests never share a case. */
export const uniqueHandle = (prefix: string) =>
  `@${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Presses Tab until `target` has focus: proves it is reachable by keyboard alone. */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Could not reach ${target} with ${maxPresses} presses of Tab`);
}

export const formParts = (page: Page) => ({
  account: page.getByLabel('Which account is it?'),
  category: (label: string) => page.getByRole('radio', { name: label }),
  dangerNow: page.getByRole('checkbox', { name: 'A child is in danger right now' }),
  emergencyGuidance: page.getByText('Call the police now.'),
  description: page.getByLabel(/Tell us what happened/),
  links: page.getByLabel(/Links to the posts or messages/),
  email: page.getByLabel(/E-mail address/),
  country: page.getByLabel(/Country you live in/),
  submit: page.getByRole('button', { name: 'Send report' }),
  errorSummary: page.getByRole('alert').filter({ has: page.getByRole('heading') }),
});

/** Fills a valid report with the mouse-free Playwright helpers and sends it; returns the reference. */
export async function sendValidReport(page: Page, handle = uniqueHandle('e2e')): Promise<string> {
  const form = formParts(page);
  await page.goto('/report');
  await form.account.fill(handle);
  await form.category('An adult trying to groom or meet a child').check();
  await form.description.fill('Messages asking a 12-year-old to move to a private chat.');
  await form.submit.click();
  await page.waitForURL(/\/report\/received\//);
  const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(REFERENCE);
  return reference;
}

/** True when the page is wider than the viewport, i.e. someone would have to scroll sideways. */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Files a report through the public JSON API and returns its reference. */
export async function fileReport(page: Page, data: Record<string, unknown>): Promise<string> {
  const filed = await page.request.post('/api/v1/reports', { data });
  expect(filed.status()).toBe(201);
  return ((await filed.json()) as { reference: string }).reference;
}

/** Finds the case of a report by its reference in the queue search and opens it; returns the case ID. */
export async function openCaseOf(page: Page, reference: string): Promise<string> {
  await page.goto(`/console?q=${encodeURIComponent(reference)}`);
  const row = page.locator('tr[data-case-id]');
  await expect(row).toHaveCount(1);
  const caseId = (await row.getAttribute('data-case-id'))!;
  await page.goto(`/console/cases/${caseId}`);
  return caseId;
}
