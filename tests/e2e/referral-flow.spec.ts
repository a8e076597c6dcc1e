import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { skipWithoutNcmecSchema } from '../setup/ncmec-schema';
import { createApiKeyAsAdmin, signInAs } from './auth';
import { uniqueHandle } from './helpers';

/**
 * Issues 4, 9 and 11, end to end: a moderator prepares a hotline referral, a different person (a
 * supervisor) opens the frozen payload in the approvals inbox — approve appears only then — and
 * approves it; a report that arrives afterwards changes nothing in the downloaded packet (its
 * report.xml is the approved bytes) and the panel offers a new version; `npm run packet:verify`
 * with the public key the server publishes says the packet is valid — and says otherwise after one
 * byte changes. A moderator sees no approve control, and is refused when posting the approval anyway.
 */

const MEDIA_HASH = 'MD5:9e107d9d372bb6826bd81d3542a419d6';

/** `npm run packet:verify -- <file> --key <keys.json | pem>` from the repository root. */
function packetVerify(file: string, keyFile: string) {
  const run = spawnSync('npm', ['run', '--silent', 'packet:verify', '--', file, '--key', keyFile], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The queue search finds the case of a report reference; returns the case ID. */
async function caseOf(page: Page, reference: string): Promise<string> {
  await page.goto(`/console?q=${encodeURIComponent(reference)}`);
  const row = page.locator('tr[data-case-id]');
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('data-case-id'))!;
}

test('a moderator prepares a referral, a supervisor approves the preview, and the downloaded packet verifies', async ({ browser, request, baseURL }, testInfo) => {
  skipWithoutNcmecSchema(testInfo);
  test.setTimeout(300_000);
  const handle = uniqueHandle('referral');
  // Media hashes are platform facts: only a platform's API key may send them.
  const apiKey = await createApiKeyAsAdmin(browser, ['reports:write']);
  const filed = await request.post('/api/v1/reports', {
    headers: { authorization: `Bearer ${apiKey}` },
    data: {
      account: { handle, platformAccountId: `acct-${handle.slice(1)}` },
      category: 'obscene_material_to_child',
      description: 'Sent sexual images to a 13-year-old in direct messages.',
      contentUrls: ['https://example.invalid/messages/123'],
      reporter: { country: 'GB' },
    },
  });
  expect(filed.status()).toBe(201);
  const { reference } = (await filed.json()) as { reference: string };

  const moderatorContext = await browser.newContext();
  const supervisorContext = await browser.newContext();
  try {
    // The moderator finds the case and prepares the NCMEC referral.
    const mod = await moderatorContext.newPage();
    await signInAs(mod, 'moderator2');
    const caseId = await caseOf(mod, reference);
    const panelPath = `/console/cases/${caseId}/referrals`;
    await mod.goto(`/console/cases/${caseId}`);
    await mod.getByRole('link', { name: 'Open the referral panel' }).click();
    await mod.waitForURL((url) => url.pathname === panelPath);
    await expect(mod.getByRole('heading', { name: /^Hotline referrals — case \d+$/ })).toBeVisible();

    // Reportable category → NCMEC; a GB reporter → also the UK NCA, and the page says why.
    const routes = mod.getByRole('region', { name: 'Where this case must go' });
    await expect(routes.getByText('Reportable category: Obscene material to child.')).toHaveCount(2);
    await expect(routes.getByText(`Reporter located in GB (${reference}).`)).toBeVisible();
    await mod.getByRole('button', { name: 'Prepare referral to NCMEC CyberTipline' }).click();
    await mod.waitForURL((url) => url.pathname === panelPath && url.searchParams.get('done') === '1');

    const modReferral = mod.getByRole('article', { name: 'Referral to NCMEC CyberTipline' });
    await expect(modReferral.getByTestId('referral-status')).toHaveText('draft');
    await expect(modReferral).toContainText('Prepared by Sam Second');
    await expect(mod.getByRole('button', { name: 'Prepare referral to NCMEC CyberTipline' })).toHaveCount(0);
    // Nothing to approve or download for the moderator.
    await expect(mod.getByRole('button', { name: 'Approve referral' })).toHaveCount(0);
    await expect(mod.getByRole('button', { name: /Download packet/ })).toHaveCount(0);

    // The supervisor sees the stored payload on the panel too (with the decision inside it).
    const sup = await supervisorContext.newPage();
    await signInAs(sup, 'supervisor', panelPath);
    const supReferral = sup.getByRole('article', { name: 'Referral to NCMEC CyberTipline' });
    await expect(supReferral.getByTestId('referral-status')).toHaveText('draft');
    const preview = supReferral.locator('details');
    await expect(preview).toHaveAttribute('open', '');
    await expect(preview.locator('summary')).toHaveText(/^Preview of report\.xml \(SHA-256 [0-9a-f]{64}\)$/);
    const approvedSha = /SHA-256 ([0-9a-f]{64})/.exec((await preview.locator('summary').textContent())!)![1]!;

    // A moderator who posts the approval anyway (the same no-JS form submission) is refused.
    const actionField = await supReferral.locator('form input[type="hidden"][name^="$ACTION_ID_"]').getAttribute('name');
    expect(actionField).toBeTruthy();
    const referralId = await supReferral.locator('input[name="referralId"]').first().inputValue();
    const forged = await mod.request.post(panelPath, {
      headers: { Origin: baseURL! },
      multipart: { [actionField!]: '', caseId, referralId, decision: 'approve', reason: '', payloadSha256: approvedSha },
    });
    expect(new URL(forged.url()).searchParams.get('error')).toBe('This needs the supervisor role');
    await mod.reload();
    await expect(modReferral.getByTestId('referral-status')).toHaveText('draft');
    // Nor does the approvals inbox open for a moderator.
    expect((await mod.goto('/console/approvals'))?.status()).toBe(403);

    // The approvals inbox names the hotline, the version and the case; approve exists only with the frozen payload open.
    await sup.goto('/console/approvals');
    const item = sup.getByRole('listitem').filter({ has: sup.getByRole('heading', { name: new RegExp(`^Referral to NCMEC CyberTipline · version 1 · Case \\d+ · @${handle.slice(1)}$`) }) });
    await expect(item).toHaveCount(1);
    await expect(item.getByRole('button', { name: 'Approve this version' })).toHaveCount(0);
    await expect(item).toContainText('Open the payload to approve or reject it.');
    await item.locator('summary').click();
    const frozen = item.getByTestId('frozen-payload');
    await expect(frozen).toBeVisible();
    await expect(frozen).toContainText('<report');
    await expect(frozen).toContainText(handle.slice(1));
    await expect(item.locator('summary')).toContainText(approvedSha);
    await item.getByRole('button', { name: 'Approve this version' }).click();
    await expect(item.getByRole('status')).toHaveText('Approved.');

    await sup.goto(panelPath);
    await expect(supReferral.getByTestId('referral-status')).toHaveText('approved');
    await expect(supReferral).toContainText('Approved by Sasha Supervisor.');
    await expect(supReferral.getByRole('button', { name: 'Approve referral' })).toHaveCount(0);

    // A danger-now trafficking report about the same account arrives after approval.
    const late = await request.post('/api/v1/reports', {
      data: { account: { handle }, category: 'trafficking', dangerNow: true, description: 'He will meet her tonight at 8pm.' },
    });
    expect(late.status()).toBe(201);

    // The preparer downloads the packet.
    await mod.goto(panelPath);
    await expect(modReferral.getByTestId('referral-status')).toHaveText('approved');
    const downloading = mod.waitForEvent('download');
    const [exported] = await Promise.all([
      mod.waitForResponse((r) => r.url().endsWith(`/api/v1/referrals/${referralId}/export`) && r.request().method() === 'POST'),
      modReferral.getByRole('button', { name: 'Download packet (new version)' }).click(),
    ]);
    expect(exported.status(), exported.ok() ? '' : `the export answered: ${await exported.text().catch(() => '')}`).toBe(200);
    expect(exported.headers()['content-disposition']).toMatch(/^attachment; filename="referral-ncmec-case-\d+-v1\.zip"$/);
    const download = await downloading;
    const caseNumber = /case (\d+)$/.exec((await mod.getByRole('heading', { level: 1 }).textContent())!.trim())![1];
    expect(download.suggestedFilename()).toBe(`referral-ncmec-case-${caseNumber}-v1.zip`);
    const packetFile = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(packetFile);
    const packet = readFileSync(packetFile);
    const sha256 = createHash('sha256').update(packet).digest('hex');
    // The packet carries exactly the approved payload: the later report is not in it.
    const payload = unzipSync(new Uint8Array(packet))['report.xml']!;
    expect(createHash('sha256').update(payload).digest('hex')).toBe(approvedSha);
    expect(new TextDecoder().decode(payload)).not.toContain('tonight at 8pm');
    expect(JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(packet))['manifest.json']!))).toMatchObject({ approvedPayloadHash: approvedSha, preparedBy: { name: 'Sam Second' }, approvedBy: { name: 'Sasha Supervisor' } });

    // The export is listed as version 1 with the same digest, and the referral is now exported.
    await mod.reload();
    await expect(modReferral.getByTestId('referral-status')).toHaveText('exported');
    await expect(modReferral.getByRole('row').filter({ hasText: 'v1' })).toContainText(sha256);
    await expect(modReferral).toContainText('1 report arrived after this version was prepared.');
    await expect(mod.getByRole('button', { name: 'Prepare a new version for NCMEC CyberTipline' })).toBeVisible();

    // Verify with the public key the server publishes, as a hotline would.
    // The keyring (JSON: current and retired keys with their IDs) is what a hotline downloads.
    const keyResponse = await request.get('/.well-known/triage-console/referral-signing-key');
    expect(keyResponse.status()).toBe(200);
    const keyring = await keyResponse.text();
    expect(JSON.parse(keyring)).toMatchObject({ algorithm: 'Ed25519', keys: [{ status: 'current', publicKeyPem: expect.stringContaining('-----BEGIN PUBLIC KEY-----') }] });
    expect(keyring).not.toContain('PRIVATE');
    const keyFile = testInfo.outputPath('referral-signing-keys.json');
    writeFileSync(keyFile, keyring);
    const pem = await (await request.get('/.well-known/triage-console/referral-signing-key?format=pem')).text();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const pemFile = testInfo.outputPath('referral-signing-key.pem');
    writeFileSync(pemFile, pem);
    expect(packetVerify(packetFile, pemFile).status).toBe(0);

    const valid = packetVerify(packetFile, keyFile);
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    expect(valid.stdout).toContain(`VALID: packet`);
    expect(valid.stdout).toContain(`v1 for ncmec, case ${caseNumber};`);
    expect(valid.stdout).toContain('created');
    expect(valid.stdout).toContain('by Sam Second, approved by Sasha Supervisor;');
    expect(valid.stdout).toContain(`sha256 ${sha256}`);

    // One changed byte and the same command refuses it.
    const tampered = Buffer.from(packet);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const tamperedFile = testInfo.outputPath('tampered.zip');
    writeFileSync(tamperedFile, tampered);
    const invalid = packetVerify(tamperedFile, keyFile);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('INVALID: ');
  } finally {
    await moderatorContext.close();
    await supervisorContext.close();
  }
});
