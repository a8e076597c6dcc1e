import { describe, expect, it, vi } from 'vitest';
import ApprovalsPage from '@/app/(console)/console/approvals/page';
import { decideApprovalAction } from '@/app/(console)/console/approvals/actions';
import AuditEntryPage from '@/app/(console)/console/audit/[entryId]/page';
import { verifyChainAction } from '@/app/(console)/console/audit/actions';
import AuditPage from '@/app/(console)/console/audit/page';
import { GET as exportRoute } from '@/app/api/v1/audit/export/route';
import HoldsPage from '@/app/(console)/console/holds/page';
import MetricsPage from '@/app/(console)/console/metrics/page';
import { getPrisma } from '@/lib/db';
import { createStaffPrincipal } from '../factories/cases';
import { signInAs } from '../factories/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);
// What next build sets from next.config's experimental.authInterrupts, so forbidden() renders a 403.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

const [moderator, supervisor, admin] = [
  await createStaffPrincipal('moderator'),
  await createStaffPrincipal('supervisor'),
  await createStaffPrincipal('admin'),
];

const pages: [string, () => Promise<unknown>][] = [
  ['/console/audit', () => AuditPage({ searchParams: Promise.resolve({}) })],
  ['/console/audit/1', () => AuditEntryPage({ params: Promise.resolve({ entryId: '1' }) })],
  ['/console/approvals', () => ApprovalsPage()],
  ['/console/metrics', () => MetricsPage()],
  ['/console/holds', () => HoldsPage()],
];

/** The digest Next.js gives the error that forbidden() / redirect() throw. */
async function digestOf(render: () => Promise<unknown>): Promise<string | null> {
  try {
    await render();
    return null;
  } catch (error) {
    return String((error as { digest?: unknown }).digest ?? error);
  }
}

describe('supervisor pages, exports and actions refuse moderators', () => {
  it.each(pages)('%s: moderator gets 403, signed-out visitor goes to sign-in', async (path, render) => {
    signInAs(moderator);
    expect(await digestOf(render)).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    signInAs(null);
    expect(await digestOf(render)).toMatch(new RegExp(`^NEXT_REDIRECT;replace;/sign-in\\?next=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};307;`));
  });

  it.each(pages)('%s: supervisors and admins see it', async (_path, render) => {
    for (const staff of [supervisor, admin]) {
      signInAs(staff);
      const digest = await digestOf(render);
      // The entry page may 404 when entry 1 does not exist; anything but 403 / a redirect is access.
      expect(digest === null || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')).toBe(true);
    }
  });

  it('refuses the exports (403) and the actions (forbidden) to a moderator, writing nothing', async () => {
    const before = await getPrisma().auditEntry.count();
    signInAs(moderator);
    for (const format of ['csv', 'jsonl']) {
      expect((await exportRoute(new Request(`http://console.test/api/v1/audit/export?format=${format}`))).status).toBe(403);
    }
    expect(await verifyChainAction({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const decision = await decideApprovalAction({ approvalId: crypto.randomUUID(), decision: 'approve', reason: '' });
    expect(decision).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await getPrisma().auditEntry.count()).toBe(before);
  });

  it('lets a supervisor verify the chain from the button, and records it', async () => {
    signInAs(supervisor);
    const result = await verifyChainAction({});
    expect(result).toMatchObject({ ok: true, data: { status: 'intact' } });
    const entry = await getPrisma().auditEntry.findFirstOrThrow({ where: { event: 'audit.chain_verified' } });
    expect(entry).toMatchObject({ actorType: 'staff', actorId: supervisor.id });
  });
});
