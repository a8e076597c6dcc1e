import { expect, test } from '@playwright/test';
import { signInAs } from './auth';

test('the whole case flow works from the keyboard, and letters typed in a field never trigger shortcuts', async ({ page }) => {
  await signInAs(page, 'admin');

  // ? opens the help: a modal dialog that holds focus and closes with Esc, giving focus back.
  await page.locator('body').press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('n'); // nothing happens behind an open dialog
  await expect(page).toHaveURL(/\/console$/);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // n claims and opens the next case.
  await page.keyboard.press('n');
  await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('lease')).toContainText('(you)');
  const firstCase = page.url();

  // m opens the note with focus in it; s, d and e typed there are just text; Ctrl+Enter sends it.
  await page.locator('body').press('m');
  const note = page.getByLabel(/^Note \(internal/);
  await expect(note).toBeFocused();
  await page.keyboard.type('see s d e here');
  await expect(page.getByRole('form', { name: 'Suspend' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Dismiss' })).toHaveCount(0);
  await expect(note).toHaveValue('see s d e here');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('listitem').filter({ hasText: 'see s d e here' })).toBeVisible();

  // d opens the dismiss form with focus on its first reason; choose one, tick "Submit and open the
  // next case", and submit with Ctrl+Enter: the next case opens, and the first one is closed.
  await page.locator('body').press('d');
  const dismiss = page.getByRole('form', { name: 'Dismiss' });
  await expect(dismiss).toBeVisible();
  await expect(dismiss.getByRole('radio').first()).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dismiss.getByRole('radio').first()).toBeChecked();
  await dismiss.getByRole('checkbox', { name: 'Submit and open the next case' }).check();
  await page.keyboard.press('Control+Enter');
  await page.waitForURL((url) => url.href !== firstCase && /\/console\/cases\//.test(url.pathname));
  await expect(page.getByTestId('lease')).toContainText('(you)');
  await page.goto(firstCase);
  await expect(page.getByText('Resolution: dismissed')).toBeVisible();

  // ? works on the case page too, and lists the case shortcuts.
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Suspend the account')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});
