'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { claimNextCase } from '@/lib/queue/claim-next-case';

/** "Next case": claims the highest-priority claimable case (or returns the one already held). */
export const claimNextCaseAction = staffAction('moderator', z.object({}).strict(), async (_input, staff) => {
  const claimed = await claimNextCase({ actor: staff });
  return claimed ? { caseId: claimed.caseId } : null;
});
