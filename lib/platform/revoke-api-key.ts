import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * Revokes an API key (it stops working on the next request) and audits it in one transaction.
 * The row is kept, revoked, so reports it sent still name their source.
 */
export async function revokeApiKey(input: { apiKeyId: string; actor: StaffPrincipal }): Promise<{ revokedAt: Date }> {
  return getPrisma().$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiKey.updateMany({ where: { id: input.apiKeyId, revokedAt: null }, data: { revokedAt } });
    if (count === 0) {
      const exists = await tx.apiKey.findUnique({ where: { id: input.apiKeyId }, select: { id: true } });
      throw exists ? new AppError('conflict', 'This API key is already revoked') : new AppError('not_found', 'No such API key');
    }
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id: input.apiKeyId }, select: { name: true, prefix: true } });
    await writeAudit(
      tx,
      { event: 'apikey.revoked', payload: { apiKeyId: input.apiKeyId, name: key.name, prefix: key.prefix } },
      { actor: { type: 'staff', id: input.actor.id }, entity: { type: 'api_key', id: input.apiKeyId } },
    );
    return { revokedAt };
  });
}
