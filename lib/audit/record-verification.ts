import 'server-only';
import type { AuditActor } from './events';
import { getPrisma } from '@/lib/db';
import { verificationReport, type VerificationReport } from './verification-report';
import { verifyAuditChain } from './verify';
import { writeAudit } from './write-audit';

/**
 * Walks the whole chain (lib/audit/verify.ts) and records that it was checked, and the outcome, as
 * audit.chain_verified. The walk reads; the record is its own short transaction afterwards.
 */
export async function verifyAndRecordChain({
  actor,
  requestId = null,
  unsealedGraceSeconds = 60,
}: {
  actor: AuditActor;
  requestId?: string | null;
  unsealedGraceSeconds?: number;
}): Promise<VerificationReport> {
  const prisma = getPrisma();
  const report = verificationReport(await verifyAuditChain(prisma, { unsealedGraceSeconds }));
  await prisma.$transaction((tx) =>
    writeAudit(
      tx,
      {
        event: 'audit.chain_verified',
        payload: {
          status: report.status,
          checked: report.checked,
          lastHash: report.lastHash,
          brokenEntryId: report.broken?.entryId ?? null,
          unsealedOverdue: report.unsealedOverdue.length,
        },
      },
      { actor, requestId },
    ),
  );
  return report;
}
