import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';

import type { ApiKeyScope } from './api-key-scopes';

export { API_KEY_SCOPES, type ApiKeyScope } from './api-key-scopes';

export type ApiClient = { id: string; name: string; scopes: string[] };

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key `tc_<prefix>_<secret>`; only its SHA-256 is stored, the key is shown once. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `tc_${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

/**
 * Resolves `Authorization: Bearer <key>`. No header: anonymous (null). A header with a wrong,
 * revoked or under-scoped key is refused rather than treated as anonymous.
 */
export async function authenticateApiKey(authorization: string | null, scope: ApiKeyScope): Promise<ApiClient | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(tc_[a-f0-9]{8}_[A-Za-z0-9_-]{20,})$/.exec(authorization.trim());
  if (!match?.[1]) throw new AppError('unauthorised', 'The Authorization header must be "Bearer <API key>"');
  const found = await getPrisma().apiKey.findUnique({
    where: { keyHash: hashApiKey(match[1]) },
    select: { id: true, name: true, scopes: true, revokedAt: true },
  });
  if (!found || found.revokedAt) throw new AppError('unauthorised', 'This API key is not valid');
  if (!found.scopes.includes(scope)) throw new AppError('forbidden', `This API key lacks the ${scope} scope`);
  return { id: found.id, name: found.name, scopes: found.scopes };
}

/**
 * Like authenticateApiKey, for endpoints that have no anonymous mode: a missing header is a 401.
 * Notes when the key was last used (at most once a minute) for the admin page.
 */
export async function requireApiClient(authorization: string | null, scope: ApiKeyScope): Promise<ApiClient> {
  const client = await authenticateApiKey(authorization, scope);
  if (!client) throw new AppError('unauthorised', 'Send your API key as "Authorization: Bearer <API key>"');
  const now = new Date();
  await getPrisma().apiKey.updateMany({
    where: { id: client.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] },
    data: { lastUsedAt: now },
  });
  return client;
}
