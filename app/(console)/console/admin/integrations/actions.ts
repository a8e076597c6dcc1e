'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { ZBigintId } from '@/lib/http/params';
import { API_KEY_SCOPES } from '@/lib/platform/api-key-scopes';
import { createApiKey } from '@/lib/platform/create-api-key';
import { retryDeadLetter } from '@/lib/platform/retry-dead-letter';
import { revokeApiKey } from '@/lib/platform/revoke-api-key';

const PATH = '/console/admin/integrations';

const ZCreateApiKey = z.object({
  name: z.string().trim().min(1, 'Name the key after the system that will use it').max(80, 'At most 80 characters'),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'Choose at least one scope'),
});

/** Creates a key; the clear key is in the result and nowhere else, ever. */
export const createApiKeyAction = staffAction('admin', ZCreateApiKey, async (input, staff) => {
  const created = await createApiKey({ ...input, actor: staff });
  revalidatePath(PATH);
  return { name: created.name, prefix: created.prefix, key: created.key };
});

export const revokeApiKeyAction = staffAction('admin', z.object({ apiKeyId: z.uuid() }), async (input, staff) => {
  await revokeApiKey({ apiKeyId: input.apiKeyId, actor: staff });
  revalidatePath(PATH);
  return null;
});

export const retryDeadLetterAction = staffAction('admin', z.object({ outboxId: ZBigintId }), async (input, staff) => {
  await retryDeadLetter({ outboxId: input.outboxId, actor: staff });
  revalidatePath(PATH);
  return null;
});
