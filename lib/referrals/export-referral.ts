import 'server-only';
import { randomUUID } from 'node:crypto';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { requireActorRole } from '@/lib/cases/case-transaction';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { packFrozenPacket, type BuiltPacket } from './build-packet';
import { ZSummaryModel } from './build-summary';
import { HOTLINE_REGISTRY } from './hotlines';
import { assertStep, lockReferral, referralAudit } from './referral-transaction';
import { referralSettings } from './settings';
import { getSigningKey } from './signing-key';

export type ExportedPacket = BuiltPacket & { exportId: string; version: number; fileName: string };

/**
 * Packs and signs a new export of an approved referral version and records it (referral_exports
 * keeps the manifest and digest, not the file). The payload is the one stored at prepare time and
 * approved, copied byte for byte — never rebuilt from live case data — so reports that arrived
 * since cannot change it. Every call is a new export; the older ones stay listed.
 */
export async function exportReferral({ referralId, actor, now = new Date() }: { referralId: string; actor: StaffPrincipal; now?: Date }): Promise<ExportedPacket> {
  requireActorRole(actor, 'moderator');
  const settings = referralSettings();
  const key = await getSigningKey(settings.keyFile);
  return getPrisma().$transaction(
    async (tx) => {
      const referral = await lockReferral(tx, referralId);
      assertStep(referral, 'export');
      const row = await tx.referral.findUniqueOrThrow({
        where: { id: referralId },
        select: {
          version: true,
          payloadText: true,
          payloadSha256: true,
          preparedAt: true,
          summary: true,
          createdBy: { select: { id: true, name: true } },
          case: { select: { caseNumber: true } },
          approval: { select: { status: true, payload: true, decidedBy: { select: { id: true, name: true } } } },
        },
      });
      const { approval } = row;
      if (approval?.status !== 'approved' || !approval.decidedBy) throw new AppError('conflict', 'This referral has not been approved.');
      if (row.payloadText === null || row.payloadSha256 === null || row.preparedAt === null || row.summary === null) {
        throw new AppError('conflict', 'This referral was approved before packets were frozen at preparation; prepare a new version and have it approved.');
      }
      const approvedHash = (approval.payload as { payloadSha256?: unknown } | null)?.payloadSha256;
      if (approvedHash !== row.payloadSha256) throw new AppError('conflict', 'The stored payload is not the one that was approved; prepare a new version.');
      const last = await tx.referralExport.findFirst({ where: { referralId }, orderBy: { version: 'desc' }, select: { version: true } });
      const version = (last?.version ?? 0) + 1;
      const packetId = randomUUID();
      const info = HOTLINE_REGISTRY[referral.hotline];
      const caseNumber = String(row.case.caseNumber);
      const packet = await packFrozenPacket(
        {
          path: info.payloadFile,
          contentType: referral.hotline === 'ncmec' ? 'application/xml' : 'application/json',
          text: row.payloadText,
          sha256: row.payloadSha256,
          preparedAt: row.preparedAt,
          summary: ZSummaryModel.parse(row.summary),
        },
        {
          packetId,
          referralId,
          caseId: referral.caseId,
          caseNumber,
          hotline: referral.hotline,
          version,
          referralVersion: row.version,
          preparedBy: row.createdBy,
          approvedBy: approval.decidedBy,
          createdBy: { id: actor.id, name: actor.name },
        },
        { now, privateKey: key.privateKey },
      );
      const created = await tx.referralExport.create({
        data: { referralId, version, sha256: packet.sha256, sizeBytes: packet.zip.byteLength, manifest: packet.manifest, createdById: actor.id, createdAt: now },
        select: { id: true },
      });
      if (referral.status === 'approved') await tx.referral.update({ where: { id: referralId }, data: { status: 'exported' } });
      await writeAudit(
        tx,
        {
          event: 'referral.exported',
          caseId: referral.caseId,
          payload: { referralId, hotline: referral.hotline, exportId: created.id, version, packetId, packetSha256: packet.sha256, sizeBytes: packet.zip.byteLength, payloadSha256: row.payloadSha256 },
        },
        referralAudit(actor, referralId),
      );
      const versionPart = row.version > 1 ? `-version${row.version}` : '';
      const fileName = `referral-${referral.hotline}-case-${caseNumber}${versionPart}-v${version}.zip`;
      return { ...packet, exportId: created.id, version, fileName };
    },
    { timeout: 60_000 },
  );
}
