import { expect, type Browser, type Page } from '@playwright/test';
import { fillSignIn, signInAs } from './auth';

/**
 * A staff member of this test's own, made the way an admin makes one (Console → Admin → Staff), then
 * signed in on `page` (first sign-in: choose a password). Specs run in parallel and share the demo
 * accounts; someone who claims cases needs an account nobody else's "Next case" can race.
 */
export async function signInAsNewStaff(browser: Browser, page: Page, role: 'moderator' | 'supervisor', name: string): Promise<void> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Date.now().toString(36)}@e2e.triage`;
  const initial = 'initial-password-e2e-1';
  const admin = await browser.newContext();
  try {
    const adminPage = await admin.newPage();
    await signInAs(adminPage, 'admin', '/console/admin/staff');
    await adminPage.locator('#new-email').fill(email);
    await adminPage.locator('#new-name').fill(name);
    await adminPage.locator('#new-role').selectOption(role);
    await adminPage.locator('#new-password').fill(initial);
    await adminPage.getByRole('button', { name: 'Add staff member' }).click();
    await expect(adminPage.getByRole('rowheader', { name: email, exact: true })).toBeVisible();
  } finally {
    await admin.close();
  }
  await page.goto('/sign-in?next=%2Fconsole');
  await fillSignIn(page, email, initial);
  await page.waitForURL((url) => url.pathname === '/sign-in/password');
  await page.locator('#currentPassword').fill(initial);
  await page.locator('#newPassword').fill('a-new-password-for-e2e-2');
  await page.locator('#confirmPassword').fill('a-new-password-for-e2e-2');
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.waitForURL((url) => url.pathname === '/console');
  await expect(page.getByTestId('console-identity')).toBeVisible();
}
