'use server';

import { z } from 'zod';
import { actionError, type ActionResult } from '@/lib/auth/action';
import { confirmTotpEnrolment } from '@/lib/auth/enrol-totp';
import { requireSignedInSession } from '@/lib/auth/guards';
import { newRequestId } from '@/lib/http/respond';

const ZConfirmInput = z.object({ code: z.string().trim().min(1, 'Enter the 6-digit code').max(20) });

/**
 * Confirms the signed-in staff member's own authenticator. Not staffAction: it must work for a
 * session that is still waiting for this very step, which staffAction's guards refuse.
 */
export async function confirmEnrolmentAction(input: z.input<typeof ZConfirmInput>): Promise<ActionResult<null>> {
  try {
    const session = await requireSignedInSession();
    const { code } = ZConfirmInput.parse(input);
    await confirmTotpEnrolment({ staffId: session.staff.id, code }, { requestId: newRequestId() });
    return { ok: true, data: null };
  } catch (error) {
    return { ok: false, error: actionError(error) };
  }
}
