import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signInAs } from './auth';
import { fileReport, openCaseOf, uniqueHandle } from './helpers';
import { signInAsNewStaff } from './staff';

/**
 * Issue 12, requirements 5 and 6 end to end: three reports share a content link, the worker links
 * their accounts, and a supervisor sees the network on one case (graph and table), selects all
 * three accounts and suspends and preserves them in one response; each case shows its own actions.
 */

test('a supervisor sees a three-account network and suspends and preserves all three at once', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const name = `Nia Network ${Date.now().toString(36)}`;
    await signInAsNewStaff(browser, page, 'supervisor', name);
    const handles = [uniqueHandle('ring_a'), uniqueHandle('ring_b'), uniqueHandle('ring_c')];
    const shared = `https://files.example/${handles[0]!.slice(1)}/album`;
    const references = [];
    for (const handle of handles) {
      references.push(await fileReport(page, { account: { handle }, category: 'grooming', description: 'Sends the same album link to children.', contentUrls: [shared] }));
    }

    // Each case is handed to the supervisor (a decision needs a claimed or escalated case).
    const caseIds: string[] = [];
    for (const reference of references) {
      caseIds.push(await openCaseOf(page, reference));
      await page.getByLabel('Give the case to').selectOption({ label: `${name} (supervisor)` });
      await page.getByLabel('Reason', { exact: true }).selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Reassign' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Reassigned.' })).toBeVisible();
    }

    // The worker links the accounts within seconds of the reports.
    await page.goto(`/console/cases/${caseIds[0]}`);
    const network = page.getByRole('region', { name: 'Network' });
    const rows = network.getByRole('table', { name: 'Accounts in this network' }).locator('tbody tr');
    await expect(async () => {
      await page.reload();
      await expect(rows).toHaveCount(3, { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(network.getByTestId('network-graph').locator('canvas').first()).toBeVisible();
    for (const handle of handles) await expect(network.getByRole('rowheader', { name: new RegExp(handle) })).toBeVisible();
    await expect(network.getByText('Same content link').first()).toBeVisible();
    // The shared link is shown defanged, never as a link.
    await expect(network.getByText(/hxxps:\/\/files\[\.\]example/).first()).toBeVisible();
    await expect(network.locator(`a[href*="files.example"]`)).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).include('#network-title').include('form[aria-label="Respond to selected accounts"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    for (const handle of handles) await network.getByRole('checkbox', { name: `Select ${handle}` }).check();
    await network.getByRole('checkbox', { name: 'Suspend' }).check();
    await network.getByRole('checkbox', { name: /^Preserve data/ }).check();
    await network.getByLabel(/Grooming a child/).check();
    await network.getByRole('button', { name: 'Apply to selected accounts' }).click();
    const results = network.getByRole('list', { name: 'Network response results' }).locator(':scope > li');
    await expect(results).toHaveCount(3);
    await expect(results.and(page.locator('[data-outcome="done"]'))).toHaveCount(3);
    await expect(results.first()).toContainText('Suspend — done: Suspended permanently.');

    for (const caseId of caseIds) {
      await page.goto(`/console/cases/${caseId}`);
      await expect(page.getByText('Suspended the account').first()).toBeVisible();
      await expect(page.getByText('Preservation hold').first()).toBeVisible();
    }

    // A moderator reads the same network, without the controls.
    const modPage = await (await browser.newContext()).newPage();
    await signInAs(modPage, 'moderator', `/console/cases/${caseIds[0]}`);
    const modNetwork = modPage.getByRole('region', { name: 'Network' });
    await expect(modNetwork.getByRole('table', { name: 'Accounts in this network' }).locator('tbody tr')).toHaveCount(3);
    await expect(modNetwork.getByRole('checkbox')).toHaveCount(0);
    await expect(modNetwork.getByRole('button', { name: 'Apply to selected accounts' })).toHaveCount(0);
    await modPage.context().close();
  } finally {
    await context.close();
  }
});
