import 'server-only';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { lockCase, requireActorRole } from '@/lib/cases/case-transaction';
import { startCyberTipPreservation } from '@/lib/preservation/cybertip-preservation';
import { closeIfSettled, settleCase } from '@/lib/response/settle-case';
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
 *
 * A completed CyberTipline report is itself a request to preserve for one year (18 U.S.C. 2258A(h)
 * as amended by the REPORT Act): recording its ID starts that hold from the submission time, with
 * no approval (the law asks for it), and it takes over from the account's pending-referral holds.
 * The case's referral obligation is met, and a responding case with nothing else owed closes.
 */
export async function recordHotlineReport({ input, actor, now = new Date() }: { input: z.input<typeof ZRecordHotlineReport>; actor: StaffPrincipal; now?: Date }) {
  requireActorRole(actor, 'moderator');
  const { referralId, hotlineReportId, submittedAt } = ZRecordHotlineReport.parse(input);
  if (submittedAt.getTime() > now.getTime() + 60_000) throw new AppError('invalid_input', 'The submission date cannot be in the future.');
  const known = await getPrisma().referral.findUnique({ where: { id: referralId }, select: { caseId: true } });
  if (!known) throw new AppError('not_found', 'There is no such referral.');
  return getPrisma().$transaction(async (tx) => {
    // The case first, as every case change locks it: acknowledging may start a hold and close the case.
    const kase = await lockCase(tx, known.caseId);
    const referral = await lockReferral(tx, referralId);
    assertStep(referral, 'acknowledge');
    if (referral.hotline === 'ncmec' && !/^\d{1,18}$/.test(hotlineReportId)) throw new AppError('invalid_input', 'A CyberTipline report ID is a number.');
    const last = await tx.referralExport.findFirst({ where: { referralId }, orderBy: { version: 'desc' }, select: { sha256: true } });
    if (!last) throw new AppError('conflict', 'Download the packet before recording its submission.');
    await tx.referral.update({ where: { id: referralId }, data: { status: 'acknowledged', hotlineReportId, submittedAt, acknowledgedAt: now } });
    const statutory = referral.hotline === 'ncmec' ? await startCyberTipPreservation(tx, { kase, referralId, actor, submittedAt, now }) : null;
    await writeAudit(
      tx,
      {
        event: 'referral.acknowledged',
        caseId: referral.caseId,
        payload: {
          referralId,
          hotline: referral.hotline,
          hotlineReportId,
          submittedAt: submittedAt.toISOString(),
          packetSha256: last.sha256,
          statutoryHoldId: statutory?.holdId ?? null,
          replacedHoldIds: statutory?.replacedHoldIds ?? [],
        },
      },
      referralAudit(actor, referralId),
    );
    // The referral obligation is met; a responding case with nothing else owed closes now.
    const closed =
      kase.status === 'responding'
        ? await closeIfSettled(tx, { kase, actor, now, settlement: await settleCase(tx, { kase, actor, now, open: false }), trigger: 'referral_acknowledged' })
        : { closed: false };
    return { referralId, status: 'acknowledged' as const, statutoryHoldId: statutory?.holdId ?? null, caseClosed: closed.closed };
  });
}
