import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './auth';
import { sendValidReport, uniqueHandle } from './helpers';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('the queue, a case page with a form showing errors, and the shortcut help', async ({ page }) => {
      await signInAs(page, 'supervisor');
      await expect(page.getByRole('table')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('checkbox', { name: 'SLA breached' }).check();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect(page).toHaveURL(/breached=1/);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto('/console');
      await page.locator('tr[data-case-id] a').first().click();
      await page.waitForURL(/\/console\/cases\//);
      await expect(page.getByRole('heading', { name: 'Why this priority' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: /^Add note/ }).click();
      await page.getByRole('button', { name: /^Add note/ }).last().click();
      await expect(page.getByRole('alert').filter({ hasText: 'Check the highlighted fields' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: /^Shortcuts/ }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the referral obligations page and the queue filtered to referral obligations', async ({ page }) => {
      // A fresh grooming case, taken and suspended: it now owes an NCMEC referral (not prepared yet).
      const handle = uniqueHandle('a11y_obligation');
      await sendValidReport(page, handle);
      await signInAs(page, 'moderator', `/console?q=${encodeURIComponent(handle.slice(1))}`);
      await page.locator('tr[data-case-id] a').first().click();
      await page.waitForURL(/\/console\/cases\//);
      const caseId = page.url().split('/').at(-1)!;
      await page.getByRole('button', { name: 'Take this case' }).click();
      // The suspension alone (not "Suspend, preserve and refer"): it owes the referral still.
      await page.getByRole('button', { name: /^Suspend(?!,)/ }).click();
      const form = page.getByRole('form', { name: 'Suspend' });
      await form.getByRole('radio', { name: /Grooming a child/ }).check();
      await form.getByRole('button', { name: /Suspend account/ }).click();
      await expect(page.getByText('Responding: obligations outstanding').first()).toBeVisible();

      await page.getByRole('link', { name: 'Obligations' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Referral obligations' })).toBeVisible();
      await expect(page.getByText(/outstanding, \d+ past the/)).toBeVisible();
      const row = page.locator('tr[data-obligation-id]').filter({ has: page.locator(`a[href="/console/cases/${caseId}"]`) });
      await expect(row).toContainText('NCMEC CyberTipline');
      await expect(row).toContainText('Not prepared yet');
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto('/console');
      await page.getByRole('checkbox', { name: 'Referral obligations' }).check();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect(page).toHaveURL(/obligation=referral/);
      await expect(page.locator(`tr[data-case-id="${caseId}"]`)).toBeVisible();
      await expect(page.getByRole('link', { name: /Referral obligations page/ })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
