'use server';

import { actionError, type ActionResult } from '@/lib/auth/action';
import { requireSignedInSession } from '@/lib/auth/guards';
import { newRequestId } from '@/lib/http/respond';
import { changeOwnPassword } from '@/lib/staff/change-own-password';
import type { TChangeOwnPasswordInput } from '@/lib/staff/schema';

/**
 * The signed-in staff member chooses their own password. Not staffAction: it must work for a
 * session that is still waiting for this very step, which staffAction's guards refuse.
 */
export async function changeOwnPasswordAction(input: TChangeOwnPasswordInput): Promise<ActionResult<null>> {
  try {
    const session = await requireSignedInSession();
    await changeOwnPassword(input, { staffId: session.staff.id, sessionId: session.staff.sessionId, requestId: newRequestId() });
    return { ok: true, data: null };
  } catch (error) {
    return { ok: false, error: actionError(error) };
  }
}
