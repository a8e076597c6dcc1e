import { randomUUID } from 'node:crypto';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { enqueueDecision, type DecisionMessage } from '@/lib/platform/outbox';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';

/**
 * Platform-side factories: real cases from the real intake, and decisions written to the outbox
 * the way a decision's transaction writes them (enqueueDecision inside $transaction).
 */

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`;

export async function createAdmin(): Promise<StaffPrincipal> {
  const id = unique();
  const staff = await getPrisma().staff.create({
    data: { email: `admin-${id}@test.triage`, name: `Admin ${id}`, role: 'admin', passwordHash: 'not-a-password-hash' },
  });
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, sessionId: randomUUID() };
}

export type DecisionCase = { caseId: string; caseNumber: string; handle: string };

export async function createCaseForDecisions(): Promise<DecisionCase> {
  const handle = `acct_${unique()}`;
  const source = unique();
  const accepted = await acceptReport(ZReportInput.parse({ account: { handle }, category: 'grooming', description: 'Test report.' }), {
    channel: 'web',
    sourceHash: `src-${source}`,
    reporterFingerprint: `fp-${source}`,
  });
  const kase = await getPrisma().case.findUniqueOrThrow({ where: { id: accepted.caseId! }, select: { caseNumber: true } });
  return { caseId: accepted.caseId!, caseNumber: `C-${kase.caseNumber}`, handle };
}

/** One decision about `kase`, committed with its outbox row; `seq` lands in details for order checks. */
export async function decide(kase: DecisionCase, seq: number, type = 'account.suspended'): Promise<{ id: bigint; message: DecisionMessage }> {
  const message: DecisionMessage = {
    version: 1,
    type,
    caseId: kase.caseId,
    caseNumber: kase.caseNumber,
    account: { platform: 'example-social', handle: kase.handle, platformAccountId: null },
    decidedAt: new Date().toISOString(),
    reasonCode: 'csam.distribution',
    details: { seq },
  };
  const id = await getPrisma().$transaction((tx) => enqueueDecision(tx, message));
  return { id, message };
}
