import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO_SIGN_INS, fillSignIn, signInAs, signInParts } from './auth';

test('a moderator signs in and lands on the console with their name and role in the header', async ({ page }) => {
  await signInAs(page, 'moderator');
  expect(new URL(page.url()).pathname).toBe('/console');
  const identity = page.getByTestId('console-identity');
  await expect(identity).toContainText(DEMO_SIGN_INS.moderator.name);
  await expect(identity).toContainText(/moderator/i);
  const nav = page.getByRole('navigation', { name: 'Console' });
  await expect(nav.getByRole('link', { name: 'Queue' })).toBeVisible();
  // Links only to what the role may open.
  await expect(nav.getByRole('link', { name: 'Staff' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Approvals' })).toHaveCount(0);
});

test('a wrong password shows an announced error and stays on the sign-in page', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await fillSignIn(page, DEMO_SIGN_INS.moderator2.email, 'not-the-right-password');
  await expect(signInParts(page).error).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await expect(signInParts(page).password).toHaveValue('');
  // The same words for an address nobody has: nothing reveals which e-mails exist.
  const known = await signInParts(page).error.textContent();
  await fillSignIn(page, 'nobody@demo.triage', 'not-the-right-password');
  await expect(signInParts(page).error).toHaveText(known ?? '');
});

test('a moderator opening the staff admin page gets the 403 page', async ({ page }) => {
  await signInAs(page, 'moderator');
  const response = await page.goto('/console/admin/staff');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  await expect(page.getByText('Add a staff member')).toHaveCount(0);
});

test('signed out, a console page sends you to sign in and back again; sign-out ends the session', async ({ page }) => {
  const response = await page.goto('/console/admin/staff');
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  expect(new URL(page.url()).searchParams.get('next')).toBe('/console/admin/staff');
  expect(response?.status()).toBeLessThan(400);

  await fillSignIn(page, DEMO_SIGN_INS.admin.email, DEMO_SIGN_INS.admin.password);
  await page.waitForURL('**/console/admin/staff');
  await expect(page.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /moderator@demo\.triage/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Staff' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await page.goto('/console');
  expect(new URL(page.url()).pathname).toBe('/sign-in');
});

test('an off-site ?next= is ignored', async ({ page }) => {
  await page.goto('/sign-in?next=//evil.example/console');
  await fillSignIn(page, DEMO_SIGN_INS.supervisor.email, DEMO_SIGN_INS.supervisor.password);
  await page.waitForURL((url) => url.pathname === '/console');
  expect(new URL(page.url()).host).not.toBe('evil.example');
});

test('the sign-in page has no accessibility violations and works by keyboard', async ({ page }) => {
  await page.goto('/sign-in');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(results.violations).toEqual([]);
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab');
  await expect(signInParts(page).email).toBeFocused();
  await page.keyboard.type(DEMO_SIGN_INS.moderator2.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_SIGN_INS.moderator2.password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/console');
});
