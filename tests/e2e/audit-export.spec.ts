import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signInAs } from './auth';
import { uniqueHandle } from './helpers';

/**
 * Issue 5, end to end: a supervisor filters the audit log to one case, exports the filtered set as
 * CSV (that case's entries only, every cell safe to open in a spreadsheet), and verifies the chain.
 */

const COLUMNS = ['id', 'occurred_at', 'actor_type', 'actor_id', 'actor_name', 'event', 'case_id', 'case_number', 'entity_type', 'entity_id', 'request_id', 'sealed', 'summary', 'payload'];
/** What a spreadsheet would evaluate as a formula (the full-width forms too). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function fileReport(request: APIRequestContext, handle: string, description: string): Promise<string> {
  const filed = await request.post('/api/v1/reports', {
    data: { account: { handle }, category: 'other_abuse', description, reporter: { country: 'FR' } },
  });
  expect(filed.status()).toBe(201);
  return ((await filed.json()) as { reference: string }).reference;
}

async function caseOf(page: Page, reference: string): Promise<string> {
  await page.goto(`/console?q=${encodeURIComponent(reference)}`);
  const row = page.locator('tr[data-case-id]');
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('data-case-id'))!;
}

test('a supervisor filters the audit log to one case, exports it as safe CSV, and verifies the chain', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  // Two reports about one account (one case) and one about another account (another case).
  const handle = uniqueHandle('audit');
  const first = await fileReport(request, handle, '=HYPERLINK("https://example.invalid","click") in the bio');
  const second = await fileReport(request, handle, '@SUM(1+1) and more messages');
  const other = await fileReport(request, uniqueHandle('audit_other'), 'Another account altogether.');

  await signInAs(page, 'supervisor');
  const caseId = await caseOf(page, first);
  expect(await caseOf(page, second)).toBe(caseId);
  const otherCaseId = await caseOf(page, other);
  expect(otherCaseId).not.toBe(caseId);
  // Opening the case is audited too.
  await page.goto(`/console/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: first })).toBeVisible();

  // Filter the log to the case through the form.
  await page.goto('/console/audit');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const filters = page.getByRole('form', { name: 'Filter the audit log' });
  await filters.getByLabel('Case number or ID').fill(caseId);
  await filters.getByRole('button', { name: 'Apply filter' }).click();
  await page.waitForURL((url) => url.pathname === '/console/audit' && url.searchParams.get('case') === caseId);

  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows.filter({ hasText: 'case.viewed' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'report.received' })).toHaveCount(2);
  const shown = await rows.count();
  expect(shown).toBeGreaterThanOrEqual(3);
  // Every row links to this case, none to the other.
  await expect(rows.locator(`a[href="/console/cases/${caseId}"]`)).toHaveCount(shown);
  await expect(page.locator(`a[href="/console/cases/${otherCaseId}"]`)).toHaveCount(0);
  const shownIds = (await rows.locator('td:first-child a').allTextContents()).map((t) => t.trim().replace(/^#/, ''));

  // Export the filtered set as CSV.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const csv = readFileSync(file, 'utf8');
  const [header, ...entries] = parseCsv(csv);
  expect(header).toEqual(COLUMNS);
  expect(entries.length).toBeGreaterThanOrEqual(shown);
  const col = (name: string) => COLUMNS.indexOf(name);
  for (const entry of entries) {
    expect(entry).toHaveLength(COLUMNS.length);
    expect(entry[col('case_id')]).toBe(caseId);
  }
  expect(csv).not.toContain(otherCaseId);
  // The same entries the page showed (the export runs oldest first; the page newest first).
  expect(new Set(entries.map((e) => e[col('id')]))).toEqual(new Set(shownIds));
  expect(entries.filter((e) => e[col('event')] === 'report.received')).toHaveLength(2);
  expect(entries.some((e) => e[col('event')] === 'case.viewed' && e[col('actor_name')] === 'Sasha Supervisor')).toBe(true);
  // No cell a spreadsheet would run as a formula; the reporters' text never reaches the log.
  for (const entry of entries) for (const cell of entry) expect(cell).not.toMatch(FORMULA_START);
  expect(csv).not.toContain('HYPERLINK');
  expect(csv).not.toContain('@SUM');

  // The export itself is on record (and is not part of the case's entries).
  await page.goto('/console/audit?event=audit.exported');
  await expect(page.getByRole('table').locator('tbody tr').first()).toContainText('Sasha Supervisor');

  // Verify log: the whole chain checks out.
  await page.getByRole('button', { name: 'Verify log' }).click();
  await expect(page.getByTestId('chain-verification')).toHaveText(/^Chain intact: \d+ entries verified, last hash [0-9a-f]{64}\.$/, { timeout: 30_000 });
});

test('a moderator cannot open the audit log or export it', async ({ page }) => {
  await signInAs(page, 'moderator2');
  expect((await page.goto('/console/audit'))?.status()).toBe(403);
  const csv = await page.request.get('/api/v1/audit/export?format=csv');
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain('occurred_at');
  const jsonl = await page.request.get('/api/v1/audit/export?format=jsonl');
  expect(jsonl.status()).toBe(403);
});
