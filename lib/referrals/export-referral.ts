import 'server-only';
import { randomUUID } from 'node:crypto';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { requireActorRole } from '@/lib/cases/case-transaction';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { buildPacket, type BuiltPacket } from './build-packet';
import { loadCaseForReferral } from './load-case-for-referral';
import { assertStep, lockReferral, referralAudit } from './referral-transaction';
import { referralSettings } from './settings';
import { getSigningKey } from './signing-key';

export type ExportedPacket = BuiltPacket & { exportId: string; version: number; fileName: string };

/**
 * Builds, validates and signs a new packet version for an approved referral and records it
 * (referral_exports keeps the manifest and digest, not the file). Every call is a new version; the
 * older ones stay listed. Only after a second person's approval.
 */
export async function exportReferral({ referralId, actor, now = new Date() }: { referralId: string; actor: StaffPrincipal; now?: Date }): Promise<ExportedPacket> {
  requireActorRole(actor, 'moderator');
  const settings = referralSettings();
  const key = await getSigningKey(settings.keyFile);
  return getPrisma().$transaction(
    async (tx) => {
      const referral = await lockReferral(tx, referralId);
      assertStep(referral, 'export');
      const approval = referral.approvalId
        ? await tx.approval.findUnique({ where: { id: referral.approvalId }, select: { status: true, decidedBy: { select: { id: true, name: true } } } })
        : null;
      if (approval?.status !== 'approved' || !approval.decidedBy) throw new AppError('conflict', 'This referral has not been approved.');
      const last = await tx.referralExport.findFirst({ where: { referralId }, orderBy: { version: 'desc' }, select: { version: true } });
      const version = (last?.version ?? 0) + 1;
      const source = await loadCaseForReferral(referral.caseId, tx, now);
      const packetId = randomUUID();
      const packet = await buildPacket(
        source,
        settings.org,
        { packetId, referralId, hotline: referral.hotline, version, createdBy: { id: actor.id, name: actor.name }, approvedBy: approval.decidedBy },
        { now, privateKey: key.privateKey, xsdFile: settings.xsdFile },
      );
      const row = await tx.referralExport.create({
        data: { referralId, version, sha256: packet.sha256, sizeBytes: packet.zip.byteLength, manifest: packet.manifest, createdById: actor.id, createdAt: now },
        select: { id: true },
      });
      if (referral.status === 'approved') await tx.referral.update({ where: { id: referralId }, data: { status: 'exported' } });
      await writeAudit(
        tx,
        {
          event: 'referral.exported',
          caseId: referral.caseId,
          payload: { referralId, hotline: referral.hotline, exportId: row.id, version, packetId, packetSha256: packet.sha256, sizeBytes: packet.zip.byteLength },
        },
        referralAudit(actor, referralId),
      );
      const fileName = `referral-${referral.hotline}-case-${source.caseNumber}-v${version}.zip`;
      return { ...packet, exportId: row.id, version, fileName };
    },
    { timeout: 60_000 },
  );
}
