'use server';

import { staffAction } from '@/lib/auth/action';
import { retireHashList } from '@/lib/hashes/retire-hash-list';
import { ZRetireHashListInput } from '@/lib/hashes/schema';
import { newRequestId } from '@/lib/http/respond';

// Hash lists. Every export is a public endpoint: each is wrapped in staffAction('admin'). Imports
// are a route handler (app/api/v1/hash-lists/route.ts): a file does not fit a server action's limit.

export const retireHashListAction = staffAction('admin', ZRetireHashListInput, (input, staff) =>
  retireHashList(input.name, { actor: { type: 'staff', id: staff.id }, via: 'console', requestId: newRequestId() }, { expectedGeneration: input.expectedGeneration }),
);
