import { expect, test, type Page } from '@playwright/test';
import { ncmecSchemaAvailable } from '../setup/ncmec-schema';
import { signInAs } from './auth';
import { fileReport, openCaseOf, uniqueHandle } from './helpers';
import { signInAsNewStaff } from './staff';

/**
 * Issue 11 end to end: the usual response to a child sexual abuse case recorded on one case —
 * suspend, preserve and refer in one decision — followed through approval, download and the hotline's
 * acknowledgement until the case closes by itself; and a danger-now dismissal that waits for a
 * supervisor instead of closing. Each test signs in staff of its own, so no parallel spec's
 * "Next case" can take its cases.
 */

const obligation = (page: Page, label: RegExp) => page.getByRole('list', { name: 'Obligations of this case' }).getByRole('listitem').filter({ hasText: label });

test('suspend, preserve and refer on one case, through acknowledgement to automatic closure', async ({ browser }) => {
  test.setTimeout(240_000);
  const handle = uniqueHandle('respond');
  const modContext = await browser.newContext();
  const supContext = await browser.newContext();
  try {
    const mod = await modContext.newPage();
    const sup = await supContext.newPage();
    await signInAsNewStaff(browser, mod, 'moderator', 'Rae Responder');
    const reference = await fileReport(mod, {
      account: { handle },
      category: 'child_sexual_imagery',
      description: 'Posting an album of sexual images of young children.',
      reporter: { country: 'GB' },
    });
    const caseId = await openCaseOf(mod, reference);

    // Take this case (requirement 6), then r opens "Suspend, preserve and refer".
    await mod.getByRole('button', { name: 'Take this case' }).click();
    await expect(mod.getByRole('button', { name: /Suspend, preserve and refer/ })).toBeVisible();
    await mod.keyboard.press('r');
    const form = mod.locator('#action-respond');
    await expect(form).toBeVisible();
    await expect(form).toContainText('draft referral to NCMEC CyberTipline and UK National Crime Agency (CEOP)');
    await form.getByLabel(/Shared child sexual abuse material/).check();
    await form.getByRole('button', { name: /Suspend, preserve and refer/ }).click();
    await expect(mod.getByRole('status').filter({ hasText: 'Suspend, preserve and refer: done.' })).toContainText('responding');

    await mod.reload();
    await expect(mod.getByText('Responding: obligations outstanding').first()).toBeVisible();
    await expect(obligation(mod, /Preserve the account/)).toHaveAttribute('data-state', 'met');
    await expect(obligation(mod, /Preserve the account/)).toContainText('Preserved until the hotline report is made');
    await expect(obligation(mod, /UK NCA/)).toHaveAttribute('data-state', 'outstanding');
    await expect(obligation(mod, /UK NCA/)).toContainText('Version 1: Draft');
    await expect(obligation(mod, /NCMEC/)).toHaveAttribute('data-state', 'outstanding');

    // The supervisor approves each drafted referral in the inbox, with its frozen payload open.
    await signInAs(sup, 'supervisor', '/console/approvals');
    const hotlines = ncmecSchemaAvailable ? ['UK National Crime Agency (CEOP)', 'NCMEC CyberTipline'] : ['UK National Crime Agency (CEOP)'];
    for (const hotline of hotlines) {
      const item = sup.getByRole('listitem').filter({ has: sup.getByRole('heading', { name: new RegExp(`^Referral to ${hotline.replace(/[()]/g, '\\$&')} · version 1 · Case \\d+ · @${handle.slice(1)}$`) }) });
      await item.locator('summary').click();
      await item.getByRole('button', { name: 'Approve this version' }).click();
      // It says "Approved." until the inbox refreshes and drops the decided item; an error keeps it without.
      await expect(item.filter({ hasNotText: 'Approved.' })).toHaveCount(0);
    }
    if (!ncmecSchemaAvailable) {
      // Without NCMEC's schema nothing can be drafted for it: the supervisor waives that obligation, saying why.
      await sup.goto(`/console/cases/${caseId}`);
      await expect(obligation(sup, /NCMEC/)).toContainText('Not prepared yet');
      await obligation(sup, /NCMEC/).getByRole('button', { name: 'Waive…' }).click();
      await obligation(sup, /NCMEC/).getByLabel(/Why waive/).fill('Reported to NCMEC through its web form while our schema copy is missing.');
      await obligation(sup, /NCMEC/).getByRole('button', { name: 'Waive' }).click();
      await expect(obligation(sup, /NCMEC/)).toHaveAttribute('data-state', 'waived');
    }

    // The moderator downloads each packet and records the hotline's report ID.
    const submitted = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
    await mod.goto(`/console/cases/${caseId}/referrals`);
    for (const hotline of hotlines) {
      const article = mod.getByRole('article', { name: `Referral to ${hotline}` });
      const downloading = mod.waitForEvent('download');
      await article.getByRole('button', { name: 'Download packet (new version)' }).click();
      await downloading;
      await mod.goto(`/console/cases/${caseId}/referrals`);
      await article.getByLabel('Hotline report ID').fill(hotline.startsWith('NCMEC') ? '240012345' : 'NCA-2026-1187');
      await article.getByLabel('Submitted at').fill(submitted);
      await article.getByRole('button', { name: 'Record submission' }).click();
      await expect(article.getByTestId('referral-status')).toHaveText('acknowledged');
    }

    // Every obligation met (or waived): the case closed by itself, suspended.
    await mod.goto(`/console/cases/${caseId}`);
    await expect(mod.getByText('Resolution: account suspended')).toBeVisible();
    await expect(obligation(mod, /UK NCA/)).toHaveAttribute('data-state', 'met');
    await expect(mod.getByText('Every obligation is met or waived.')).toBeVisible();
    if (ncmecSchemaAvailable) {
      // The CyberTip ID started the one-year statutory hold, which took over from the pending one.
      await expect(obligation(mod, /Preserve the account/)).toContainText('CyberTipline report: one year by law');
    }
  } finally {
    await modContext.close();
    await supContext.close();
  }
});

test('a danger-now dismissal waits for a supervisor, at the top of the queue, and closes only when they agree', async ({ browser }) => {
  test.setTimeout(180_000);
  const handle = uniqueHandle('danger');
  const modContext = await browser.newContext();
  const supContext = await browser.newContext();
  try {
    const mod = await modContext.newPage();
    const sup = await supContext.newPage();
    await signInAsNewStaff(browser, mod, 'moderator', 'Dana Dismiss');
    const reference = await fileReport(mod, {
      account: { handle },
      category: 'grooming',
      dangerNow: true,
      description: 'He says he will pick her up after school today; she is 11.',
    });
    const caseId = await openCaseOf(mod, reference);
    await mod.getByRole('button', { name: 'Take this case' }).click();
    await expect(mod.getByRole('button', { name: /^Dismiss/ })).toBeVisible();
    await mod.keyboard.press('d');
    const form = mod.locator('#action-dismiss');
    await expect(form).toContainText('a supervisor other than you must agree');
    await form.getByLabel(/No violation found/).check();
    await form.getByRole('button', { name: /Dismiss case/ }).click();
    await expect(mod.getByRole('status').filter({ hasText: 'Sent to a supervisor' })).toBeVisible();
    await mod.reload();
    await expect(mod.getByText('Awaiting approval').first()).toBeVisible();

    // Still in the queue, above every case nobody said was urgent.
    await mod.goto('/console');
    const rows = mod.locator('tr[data-case-id]');
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case-id')));
    const position = ids.indexOf(caseId);
    expect(position).toBeGreaterThanOrEqual(0);
    const criticalAbove = await rows.evaluateAll((trs, n) => trs.slice(0, n).every((tr) => /critical/i.test(tr.textContent ?? '')), position);
    expect(criticalAbove).toBe(true);

    // The supervisor agrees in the inbox; the case closes as dismissed.
    await signInAs(sup, 'supervisor', '/console/approvals');
    const item = sup.getByRole('listitem').filter({ has: sup.getByRole('heading', { name: new RegExp(`^Stand down on a child-in-danger case · Case \\d+ · @${handle.slice(1)}$`) }) });
    await expect(item).toContainText('Dismiss: No violation found');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(item.filter({ hasNotText: 'Approved.' })).toHaveCount(0);
    await mod.goto(`/console/cases/${caseId}`);
    await expect(mod.getByText('Resolution: dismissed')).toBeVisible();
  } finally {
    await modContext.close();
    await supContext.close();
  }
});
