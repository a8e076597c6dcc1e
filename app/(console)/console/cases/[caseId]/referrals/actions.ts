'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { ZUuid } from '@/lib/http/params';
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

/**
 * The case a referral form belongs to. A form without a case UUID (or not a form at all) came from
 * no page of ours, so there is nowhere to send its result back to: 404, and nothing is run.
 */
function caseIdOf(form: unknown): string {
  const caseId = form instanceof FormData ? ZUuid.safeParse(form.get('caseId')) : null;
  if (!caseId?.success) notFound();
  return caseId.data;
}

/** A text field of the form; a file or a missing field is undefined, which the action's schema refuses. */
const field = (form: FormData, name: string): string | undefined => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

export async function prepareReferralAction(form: FormData): Promise<void> {
  const caseId = caseIdOf(form);
  back(caseId, await prepare({ caseId, hotline: field(form, 'hotline') as 'ncmec' }));
}

export async function decideReferralAction(form: FormData): Promise<void> {
  const caseId = caseIdOf(form);
  back(caseId, await decide({ referralId: field(form, 'referralId')!, decision: field(form, 'decision') as 'approve', reason: field(form, 'reason') ?? '', payloadSha256: field(form, 'payloadSha256') ?? '' }));
}

export async function recordHotlineReportAction(form: FormData): Promise<void> {
  const caseId = caseIdOf(form);
  back(caseId, await acknowledge({ referralId: field(form, 'referralId')!, hotlineReportId: field(form, 'hotlineReportId') ?? '', submittedAt: field(form, 'submittedAt') ?? '' }));
}
