import 'server-only';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { requireActorRole } from '@/lib/cases/case-transaction';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isInstantInRange } from '@/lib/http/params';
import { assertStep, lockReferral, referralAudit } from './referral-transaction';

export const ZRecordHotlineReport = z.object({
  referralId: z.uuid(),
  hotlineReportId: z.string().trim().min(1, 'Enter the report ID the hotline gave you').max(100),
  submittedAt: z.coerce.date({ error: 'Enter when it was submitted' }).refine(isInstantInRange, 'Enter when it was submitted'),
});

/**
 * After submitting the exported packet, staff record the hotline's report ID and the submission
 * date; the referral becomes acknowledged and later cases about the account cite the ID. NCMEC
 * report IDs are numbers. The audit entry carries the SHA-256 of the latest exported packet.
 */
export async function recordHotlineReport({ input, actor, now = new Date() }: { input: z.input<typeof ZRecordHotlineReport>; actor: StaffPrincipal; now?: Date }) {
  requireActorRole(actor, 'moderator');
  const { referralId, hotlineReportId, submittedAt } = ZRecordHotlineReport.parse(input);
  if (submittedAt.getTime() > now.getTime() + 60_000) throw new AppError('invalid_input', 'The submission date cannot be in the future.');
  return getPrisma().$transaction(async (tx) => {
    const referral = await lockReferral(tx, referralId);
    assertStep(referral, 'acknowledge');
    if (referral.hotline === 'ncmec' && !/^\d{1,18}$/.test(hotlineReportId)) throw new AppError('invalid_input', 'A CyberTipline report ID is a number.');
    const last = await tx.referralExport.findFirst({ where: { referralId }, orderBy: { version: 'desc' }, select: { sha256: true } });
    if (!last) throw new AppError('conflict', 'Download the packet before recording its submission.');
    await tx.referral.update({ where: { id: referralId }, data: { status: 'acknowledged', hotlineReportId, submittedAt, acknowledgedAt: now } });
    await writeAudit(
      tx,
      {
        event: 'referral.acknowledged',
        caseId: referral.caseId,
        payload: { referralId, hotline: referral.hotline, hotlineReportId, submittedAt: submittedAt.toISOString(), packetSha256: last.sha256 },
      },
      referralAudit(actor, referralId),
    );
    return { referralId, status: 'acknowledged' as const };
  });
}
