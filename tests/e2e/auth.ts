import { expect, type Page } from '@playwright/test';

/** The demo accounts seeded by scripts/start.ts --e2e (prisma/seed.ts DEMO_STAFF; demo mode only). */
export const DEMO_SIGN_INS = {
  moderator: { email: 'moderator@demo.triage', password: 'demo-moderator-pass', name: 'Morgan Moderator' },
  moderator2: { email: 'moderator2@demo.triage', password: 'demo-moderator-pass', name: 'Sam Second' },
  supervisor: { email: 'supervisor@demo.triage', password: 'demo-supervisor-pass', name: 'Sasha Supervisor' },
  admin: { email: 'admin@demo.triage', password: 'demo-admin-pass', name: 'Alex Admin' },
} as const;

export type DemoAccount = keyof typeof DEMO_SIGN_INS;

export const signInParts = (page: Page) => ({
  email: page.getByLabel('E-mail address'),
  password: page.getByLabel('Password'),
  submit: page.getByRole('button', { name: 'Sign in' }),
  error: page.getByRole('alert').filter({ hasText: 'could not sign you in' }),
});

/** Fills the sign-in form on the current page (it must be /sign-in). */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  const form = signInParts(page);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
}

/** Signs in as a demo account through the real form and waits for `landing` (default /console). */
export async function signInAs(page: Page, account: DemoAccount, next = '/console'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  const { email, password } = DEMO_SIGN_INS[account];
  await fillSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  await expect(page.getByTestId('console-identity')).toBeVisible();
}

/**
 * A platform API key, made the way an admin makes one (Console → Admin → Integrations) in a context
 * of its own; returns the key, which the page shows once.
 */
export async function createApiKeyAsAdmin(browser: import('@playwright/test').Browser, scopes: string[], name = `e2e key ${Date.now()}`): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAs(page, 'admin', '/console/admin/integrations');
    await page.locator('#api-key-name').fill(name);
    for (const scope of scopes) await page.locator(`input[name="scopes"][value="${scope}"]`).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^tc_[0-9a-f]{8}_/);
    return key;
  } finally {
    await context.close();
  }
}
