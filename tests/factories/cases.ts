import { randomUUID } from 'node:crypto';
import type { StaffPrincipal, StaffRole } from '@/lib/auth/roles';
import { reassignCase } from '@/lib/cases/reassign-case';
import { getPrisma } from '@/lib/db';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';

/**
 * Case-side factories for integration tests. Cases come from the real intake (acceptReport), so
 * they look exactly like production cases; staff rows are created directly (they cannot sign in:
 * the password hash is a placeholder).
 */

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`;

/** A staff row and the principal the guards would return for it. */
export async function createStaffPrincipal(role: StaffRole, name?: string): Promise<StaffPrincipal> {
  const id = unique();
  const staff = await getPrisma().staff.create({
    data: {
      email: `${role}-${id}@test.triage`,
      name: name ?? `Test ${role} ${id}`,
      role,
      passwordHash: 'not-a-password-hash',
    },
  });
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, sessionId: randomUUID() };
}

export type TestCase = { caseId: string; version: number; accountId: string; handle: string };

/** Files one report through the real intake and returns the (new or joined) open case. */
export async function reportAccount(
  options: { handle?: string; category?: HarmCategory; dangerNow?: boolean; source?: string; reporterCountry?: string } = {},
): Promise<TestCase> {
  const handle = options.handle ?? `acct_${unique()}`;
  const report = ZReportInput.parse({
    account: { handle },
    category: options.category ?? 'grooming',
    dangerNow: options.dangerNow ?? false,
    description: 'Test report.',
    ...(options.reporterCountry ? { reporter: { country: options.reporterCountry } } : {}),
  });
  const source = options.source ?? unique();
  const accepted = await acceptReport(report, { channel: 'web', sourceHash: `src-${source}`, reporterFingerprint: `fp-${source}` });
  const kase = await getPrisma().case.findUniqueOrThrow({
    where: { id: accepted.caseId! },
    select: { id: true, version: true, accountId: true, account: { select: { handle: true } } },
  });
  return { caseId: kase.id, version: kase.version, accountId: kase.accountId, handle: kase.account.handle ?? handle };
}

/** An open case handed to `holder` (via a supervisor's reassignment), as if they had claimed it. */
export async function caseHeldBy(holder: StaffPrincipal, supervisor: StaffPrincipal, options: Parameters<typeof reportAccount>[0] = {}): Promise<TestCase> {
  const kase = await reportAccount(options);
  const assigned = await reassignCase({
    caseId: kase.caseId,
    actor: supervisor,
    assigneeId: holder.id,
    expectedVersion: kase.version,
    reasonCode: 'workload_balancing',
  });
  return { ...kase, version: assigned.version };
}

export async function caseVersion(caseId: string): Promise<number> {
  return (await getPrisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}
