import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { ZBigintId } from '@/lib/http/params';

/**
 * The polling cursor is the last outbox id a client has seen, wrapped so that clients treat it as
 * opaque (we may change what it encodes) rather than doing arithmetic on ids.
 */
export function encodeDecisionCursor(id: bigint): string {
  return Buffer.from(`o1:${id}`).toString('base64url');
}

export function decodeDecisionCursor(cursor: string): bigint {
  const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  // The id must fit Postgres' bigint: a larger one would otherwise fail in the database (a 500).
  const id = ZBigintId.safeParse(/^o1:(\d+)$/.exec(decoded)?.[1]);
  if (!id.success) throw new AppError('invalid_input', 'The "after" cursor is not one this API returned');
  return id.data;
}

export const DECISIONS_PAGE_MAX = 500;
export const DECISIONS_PAGE_DEFAULT = 100;

/** `limit`: absent or empty means the default; otherwise a whole number from 1 to DECISIONS_PAGE_MAX. */
const ZLimit = z.union([
  z.union([z.null(), z.literal('')]).transform(() => DECISIONS_PAGE_DEFAULT),
  z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(DECISIONS_PAGE_MAX)),
]);

/** Parses `?after=&limit=`; limit defaults to 100 and must be 1..500. */
export function parseDecisionsQuery(params: URLSearchParams): { after: bigint | null; limit: number } {
  const after = params.get('after');
  const limit = ZLimit.safeParse(params.get('limit'));
  if (!limit.success) throw new AppError('invalid_input', `"limit" must be a whole number from 1 to ${DECISIONS_PAGE_MAX}`);
  return { after: after ? decodeDecisionCursor(after) : null, limit: limit.data };
}
