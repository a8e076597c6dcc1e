import { AppError } from '@/lib/errors';

/**
 * The polling cursor is the last outbox id a client has seen, wrapped so that clients treat it as
 * opaque (we may change what it encodes) rather than doing arithmetic on ids.
 */
export function encodeDecisionCursor(id: bigint): string {
  return Buffer.from(`o1:${id}`).toString('base64url');
}

export function decodeDecisionCursor(cursor: string): bigint {
  const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = /^o1:(\d{1,19})$/.exec(decoded);
  if (!match?.[1]) throw new AppError('invalid_input', 'The "after" cursor is not one this API returned');
  return BigInt(match[1]);
}

export const DECISIONS_PAGE_MAX = 500;
export const DECISIONS_PAGE_DEFAULT = 100;

/** Parses `?after=&limit=`; limit defaults to 100 and must be 1..500. */
export function parseDecisionsQuery(params: URLSearchParams): { after: bigint | null; limit: number } {
  const after = params.get('after');
  const rawLimit = params.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? DECISIONS_PAGE_DEFAULT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > DECISIONS_PAGE_MAX) {
    throw new AppError('invalid_input', `"limit" must be a whole number from 1 to ${DECISIONS_PAGE_MAX}`);
  }
  return { after: after ? decodeDecisionCursor(after) : null, limit };
}
