'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { extendHold } from '@/lib/preservation/extend-hold';
import { requestHoldRelease } from '@/lib/preservation/request-hold-release';
import { ZExtendHoldInput, ZRequestHoldReleaseInput } from '@/lib/preservation/schema';

// The holds page. Every export is a public endpoint: each is wrapped in staffAction('supervisor')
// (schema, role, error mapping), and the lib/ functions check the role and the hold again.

export const extendHoldAction = staffAction('supervisor', ZExtendHoldInput, async (input, staff) => {
  const result = await extendHold({ actor: staff, input });
  revalidatePath('/console/holds');
  return { holdId: result.holdId, expiresAt: result.expiresAt.toISOString(), extensions: result.extensions };
});

export const requestHoldReleaseAction = staffAction('supervisor', ZRequestHoldReleaseInput, async (input, staff) => {
  const result = await requestHoldRelease({ actor: staff, input });
  revalidatePath('/console/holds');
  return result;
});
