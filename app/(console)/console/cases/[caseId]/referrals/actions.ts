'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { decideReferral } from '@/lib/referrals/decide-referral';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { recordHotlineReport, ZRecordHotlineReport } from '@/lib/referrals/record-hotline-report';

const prepare = staffAction('moderator', z.object({ caseId: z.uuid(), hotline: z.enum(['ncmec', 'uk_nca']) }), (input, staff) => prepareReferral({ ...input, actor: staff }));
const decide = staffAction(
  'supervisor',
  z.object({ referralId: z.uuid(), decision: z.enum(['approve', 'reject']), reason: z.string().max(2000).default(''), payloadSha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  (input, staff) => decideReferral({ ...input, actor: staff }),
);
const acknowledge = staffAction('moderator', ZRecordHotlineReport, (input, staff) => recordHotlineReport({ input, actor: staff }));

function back(caseId: string, result: { ok: boolean; error?: { message: string } }): never {
  const path = `/console/cases/${caseId}/referrals`;
  revalidatePath(path);
  redirect(result.ok ? `${path}?done=1` : `${path}?error=${encodeURIComponent(result.error?.message ?? 'Failed')}`);
}

const caseIdOf = (form: FormData) => z.uuid().parse(form.get('caseId'));

export async function prepareReferralAction(form: FormData): Promise<void> {
  back(caseIdOf(form), await prepare({ caseId: String(form.get('caseId')), hotline: String(form.get('hotline')) as 'ncmec' }));
}

export async function decideReferralAction(form: FormData): Promise<void> {
  back(
    caseIdOf(form),
    await decide({ referralId: String(form.get('referralId')), decision: String(form.get('decision')) as 'approve', reason: String(form.get('reason') ?? ''), payloadSha256: String(form.get('payloadSha256') ?? '') }),
  );
}

export async function recordHotlineReportAction(form: FormData): Promise<void> {
  back(caseIdOf(form), await acknowledge({ referralId: String(form.get('referralId')), hotlineReportId: String(form.get('hotlineReportId') ?? ''), submittedAt: String(form.get('submittedAt') ?? '') }));
}
