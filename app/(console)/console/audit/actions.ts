'use server';

import { z } from 'zod';
import { verifyAndRecordChain } from '@/lib/audit/record-verification';
import { staffAction } from '@/lib/auth/action';
import { newRequestId } from '@/lib/http/respond';

// The audit view's one action. Every export of this file is a public endpoint: wrapped in staffAction.

export const verifyChainAction = staffAction('supervisor', z.object({}), (_input, staff) =>
  verifyAndRecordChain({ actor: { type: 'staff', id: staff.id }, requestId: newRequestId() }),
);
