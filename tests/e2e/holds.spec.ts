import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAs, type DemoAccount } from './auth';
import { uniqueHandle } from './helpers';

/**
 * Issue 11, requirement 3, end to end: a law-enforcement hold (asked for on the case page, approved
 * by a second person) appears on the holds page with labels, not codes; a supervisor extends it
 * and asks for its early release; the asker cannot decide that request, another person (the admin)
 * approves it in the approvals inbox, and the hold moves to the recently ended holds.
 */

test.describe.configure({ mode: 'serial' });

async function signedIn(browser: Browser, who: DemoAccount, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, who, next);
  return page;
}

test('a supervisor extends a hold and asks for its early release; a second person approves it in the inbox', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const handle = uniqueHandle('hold');
  const filed = await request.post('/api/v1/reports', {
    data: { account: { handle }, category: 'grooming', description: 'An adult asking a 12-year-old to meet; police are investigating.' },
  });
  expect(filed.status()).toBe(201);
  const { reference } = (await filed.json()) as { reference: string };

  // The supervisor takes the case and asks for a law-enforcement hold.
  const sup = await signedIn(browser, 'supervisor', '/console');
  await sup.goto(`/console?q=${encodeURIComponent(reference)}`);
  const row = sup.locator('tr[data-case-id]');
  await expect(row).toHaveCount(1);
  const caseId = (await row.getAttribute('data-case-id'))!;
  await sup.goto(`/console/cases/${caseId}`);
  await sup.getByRole('button', { name: 'Take this case' }).click();
  await sup.getByRole('button', { name: /^Law-enforcement hold/ }).click();
  const holdForm = sup.getByRole('form', { name: 'Law-enforcement hold' });
  await holdForm.getByRole('radio', { name: /Law-enforcement request/ }).check();
  await holdForm.getByLabel(/^Note for the approver/).fill('Police request ref 2026/91.');
  await holdForm.getByRole('button', { name: /Request hold/ }).click();
  await expect(sup.getByText('Law-enforcement hold: done.')).toBeVisible();

  // The admin (a second person) approves the hold.
  const admin = await signedIn(browser, 'admin', '/console/approvals');
  const holdRequest = admin.locator('li').filter({ hasText: handle.slice(1) }).filter({ hasText: 'Preservation hold ·' });
  await holdRequest.getByRole('button', { name: 'Approve' }).click();
  await expect(holdRequest).toHaveCount(0); // decided: no longer pending

  // The holds page: labels, not codes; extend it.
  await sup.goto('/console/holds');
  const hold = sup.locator('tr[data-hold-id]').filter({ hasText: handle.slice(1) });
  await expect(hold).toContainText('Law-enforcement request (approved by a second person)');
  await expect(hold).toContainText('Sasha Supervisor / Alex Admin');
  await expect(hold).not.toContainText('law_enforcement_request');
  await hold.locator('summary', { hasText: 'Extend' }).click();
  const extend = hold.getByRole('form', { name: /^Extend the hold/ });
  // No reason: refused with the message under the field, nothing changes.
  await extend.getByRole('button', { name: 'Extend hold' }).click();
  await expect(extend.getByText('Why extend is required')).toBeVisible();
  await expect(extend.getByLabel('Why extend')).toHaveAttribute('aria-invalid', 'true');
  await extend.getByLabel('Extend by (days)').fill('30');
  await extend.getByLabel('Why extend').fill('The officer asked for 30 more days.');
  await extend.getByRole('button', { name: 'Extend hold' }).click();
  await expect(extend.getByRole('status')).toContainText('Extended to');
  await expect(hold.getByTestId('extensions')).toHaveText('Extended once');

  // Ask for an early release.
  await hold.locator('summary', { hasText: 'Request early release' }).click();
  const release = hold.getByRole('form', { name: /^Request early release/ });
  await release.getByLabel('Reason').selectOption({ label: 'The requesting authority withdrew its request' });
  await release.getByLabel('Why release early').fill('The officer withdrew the request by e-mail.');
  await release.getByRole('button', { name: 'Request early release' }).click();
  await expect(hold.getByRole('link', { name: 'waiting in the approvals inbox' })).toBeVisible();

  // The asker cannot decide it.
  await sup.goto('/console/approvals');
  const mine = sup.locator('li').filter({ hasText: handle.slice(1) }).filter({ hasText: 'Early release of a preservation hold' });
  await expect(mine).toContainText('You asked for this; another supervisor must decide it.');
  await expect(mine.getByRole('button', { name: 'Approve' })).toBeDisabled();

  // The admin approves the release; the hold is among the recently ended ones.
  await admin.goto('/console/approvals');
  const releaseRequest = admin.locator('li').filter({ hasText: handle.slice(1) }).filter({ hasText: 'Early release of a preservation hold' });
  await expect(releaseRequest).toContainText('Release early: The requesting authority withdrew its request');
  await releaseRequest.getByRole('button', { name: 'Approve' }).click();
  await expect(releaseRequest).toHaveCount(0);

  await sup.goto('/console/holds');
  await expect(sup.locator('section[aria-labelledby="holds-in-force"] tr[data-hold-id]').filter({ hasText: handle.slice(1) })).toHaveCount(0);
  const ended = sup.locator('section[aria-labelledby="holds-ended"] tr[data-hold-id]').filter({ hasText: handle.slice(1) });
  await expect(ended).toContainText('Released early (two people)');
  await expect(ended).toContainText('Sasha Supervisor / Alex Admin');
});
