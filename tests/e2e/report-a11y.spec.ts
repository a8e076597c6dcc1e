import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { formParts, sendValidReport } from './helpers';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('the report form, with the danger box ticked and with errors shown', async ({ page }) => {
      const form = formParts(page);
      await page.goto('/report');
      expect(await seriousViolations(page)).toEqual([]);

      await form.dangerNow.check();
      await expect(form.emergencyGuidance).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await form.submit.click();
      await expect(form.errorSummary).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the receipt and the status page', async ({ page }) => {
      await sendValidReport(page);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Check the status of your report' }).click();
      await expect(page.getByTestId('report-status')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto('/report/status?reference=TC-2222-2222');
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
