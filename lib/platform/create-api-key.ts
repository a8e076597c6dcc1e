import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import type { ApiKeyScope } from './api-key-scopes';
import { generateApiKey } from './api-keys';

export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: ApiKeyScope[]; key: string };

/**
 * Creates an API key and its audit entry in one transaction. The returned `key` is the only copy
 * that will ever exist in clear: only its SHA-256 is stored, so the admin sees it once.
 */
export async function createApiKey(input: { name: string; scopes: ApiKeyScope[]; actor: StaffPrincipal }): Promise<CreatedApiKey> {
  const { key, prefix, keyHash } = generateApiKey();
  const scopes = [...new Set(input.scopes)];
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: input.name, prefix, keyHash, scopes, createdById: input.actor.id },
      select: { id: true },
    });
    await writeAudit(
      tx,
      { event: 'apikey.created', payload: { apiKeyId: row.id, name: input.name, prefix, scopes } },
      { actor: { type: 'staff', id: input.actor.id }, entity: { type: 'api_key', id: row.id } },
    );
    return { id: row.id, name: input.name, prefix, scopes, key };
  });
}
