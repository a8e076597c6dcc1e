import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { getSigningKey, resolveKeyPath } from '@/lib/referrals/signing-key';
import { compareWithCheckpoints, readLatestCheckpoints } from './checkpoints';
import type { AuditActor } from './events';
import { verificationReport, type VerificationReport } from './verification-report';
import { verifyAuditChain } from './verify';
import { writeAudit } from './write-audit';

/**
 * Verifies the log (lib/audit/verify.ts: chain, MACs, forged entries) against the latest signed
 * checkpoints outside the database (lib/audit/checkpoints.ts), and records that it was checked, and
 * the outcome, as audit.chain_verified. The walk reads; the record is its own short transaction.
 */
export async function verifyAndRecordChain({
  actor,
  requestId = null,
  unsealedGraceSeconds = 60,
  checkpointDir,
}: {
  actor: AuditActor;
  requestId?: string | null;
  unsealedGraceSeconds?: number;
  /** Defaults to AUDIT_CHECKPOINT_DIR. */
  checkpointDir?: string;
}): Promise<VerificationReport> {
  const prisma = getPrisma();
  const config = getConfig();
  const chain = await verifyAuditChain(prisma, { unsealedGraceSeconds });
  // Checkpoints are signed with the referral signing key; without its file there is nothing to trust.
  const keyFile = resolveKeyPath(config.REFERRAL_SIGNING_KEY_PATH);
  const publicKey = existsSync(keyFile) ? (await getSigningKey(keyFile)).publicKey : null;
  const read = publicKey
    ? await readLatestCheckpoints(checkpointDir ?? path.resolve(config.AUDIT_CHECKPOINT_DIR), publicKey)
    : { checkpoints: [], untrusted: [] };
  const findings = await compareWithCheckpoints(prisma, read);
  const report = verificationReport(chain, { compared: read.checkpoints.length, latestAt: read.checkpoints[0]?.at ?? null, findings });
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
          problems: report.problems.slice(0, 20),
        },
      },
      { actor, requestId },
    ),
  );
  return report;
}
