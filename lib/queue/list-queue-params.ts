import { z } from 'zod';
import { isInstantInRange, isPlainText, plainText } from '@/lib/http/params';
import { HARM_CATEGORIES, type HarmCategory } from '@/lib/reports/categories';
import type { CaseStatus, Severity } from '@/lib/generated/prisma/enums';

/**
 * The queue's filters, search and keyset cursor as the URL carries them, and the row DTO the queue
 * table renders. Pure: shared by the page (parsing searchParams), lib/queue/list-queue.ts and tests.
 */

export const QUEUE_STATUSES = ['open', 'in_review', 'escalated', 'awaiting_approval', 'responding'] as const satisfies readonly CaseStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/**
 * Responding cases (measures recorded, obligations outstanding) are not claimable work: the default
 * queue leaves them out; the status filter and the obligation filter show them.
 */
export const NOT_IN_DEFAULT_QUEUE = ['responding'] as const satisfies readonly QueueStatus[];

/** `obligation=referral`: cases with a required hotline referral not yet acknowledged. */
export const QUEUE_OBLIGATIONS = ['referral'] as const;
export const QUEUE_OBLIGATION_LABEL: Readonly<Record<(typeof QUEUE_OBLIGATIONS)[number], string>> = { referral: 'Referral obligations' };

export const QUEUE_PAGE_SIZE = 50;

/** Queue orders: by priority (the default), or by network size first (lib/networks/), then priority. */
export const QUEUE_SORTS = ['priority', 'network'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Minimum network sizes offered by the filter: 2 is "in a network" (linked to at least one other account). */
export const NETWORK_MIN_CHOICES = [2, 5, 10, 25] as const;
/** Largest minimum accepted from the URL (anything larger matches nothing real). */
export const NETWORK_MIN_MAX = 100_000;
export const SEARCH_MAX = 200;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => first(v) || undefined, z.enum(values).optional().catch(undefined));
const flag = z.preprocess((v) => first(v) === '1' || first(v) === 'true', z.boolean());

/** URL search params → filters. Unknown or malformed values are ignored, never an error page. */
export const ZQueueQuery = z.object({
  category: optionalEnum(HARM_CATEGORIES),
  status: optionalEnum(QUEUE_STATUSES),
  obligation: optionalEnum(QUEUE_OBLIGATIONS),
  breached: flag,
  mine: flag,
  /** `network=N`: only cases whose account's network counts at least N accounts (2 = in a network). */
  network: z.preprocess(
    (v) => first(v) || undefined,
    z.coerce.number().int().min(2).max(NETWORK_MIN_MAX).optional().catch(undefined),
  ),
  sort: z.preprocess((v) => first(v) || undefined, z.enum(QUEUE_SORTS).default('priority').catch('priority')),
  // Text the shared rule refuses (a NUL, a lone surrogate) cannot match anything and must not reach Postgres.
  q: z.preprocess((v) => {
    const text = first(v);
    return typeof text === 'string' && isPlainText(text) ? text.trim().slice(0, SEARCH_MAX) : '';
  }, z.string()),
  cursor: z.preprocess((v) => (typeof first(v) === 'string' ? first(v) : undefined), z.string().max(200).optional().catch(undefined)),
  /** The page that ends just before this position (the "Previous page" link); ignored with `cursor`. */
  before: z.preprocess((v) => (typeof first(v) === 'string' ? first(v) : undefined), z.string().max(200).optional().catch(undefined)),
});
export type QueueQuery = z.output<typeof ZQueueQuery>;

export function parseQueueQuery(searchParams: Record<string, string | string[] | undefined>): QueueQuery {
  return ZQueueQuery.parse(searchParams);
}

/**
 * Why the search text was refused by the shared text rule (a control character, a lone surrogate),
 * or null. parseQueueQuery then drops it; the page says so instead of silently showing the queue.
 */
export function searchTextProblem(searchParams: Record<string, string | string[] | undefined>): string | null {
  const text = first(searchParams.q);
  if (typeof text !== 'string') return null;
  const checked = plainText().safeParse(text);
  return checked.success ? null : (checked.error.issues[0]?.message ?? 'This search cannot be run.');
}

/**
 * The query string for a queue view, leaving out defaults. `cursor` continues after a position;
 * `{ before }` shows the page ending just before one; null (or nothing) is the first page.
 */
export function queueHref(query: Partial<QueueQuery>, cursor?: string | { before: string } | null): string {
  const params = new URLSearchParams();
  if (query.category) params.set('category', query.category);
  if (query.status) params.set('status', query.status);
  if (query.obligation) params.set('obligation', query.obligation);
  if (query.breached) params.set('breached', '1');
  if (query.mine) params.set('mine', '1');
  if (query.network) params.set('network', String(query.network));
  if (query.sort === 'network') params.set('sort', 'network');
  if (query.q) params.set('q', query.q);
  if (typeof cursor === 'string') params.set('cursor', cursor);
  else if (cursor) params.set('before', cursor.before);
  const text = params.toString();
  return text ? `/console?${text}` : '/console';
}

/**
 * Position in queue order: priority (high first), SLA due time (early first), id; sorted by network,
 * the network size (large first) before them.
 */
export type QueueCursor = { priorityScore: number; slaDueAt: Date; id: string; networkSize?: number };

const int4 = z.number().int().min(-2_147_483_648).max(2_147_483_647);
/** priority_score is a Postgres integer; a tampered cursor outside its range or a date Postgres cannot hold shows the first page. */
const ZCursorTuple = z.union([
  z.tuple([int4, z.iso.datetime().refine((d) => isInstantInRange(new Date(d))), z.uuid()]),
  z.tuple([int4, z.iso.datetime().refine((d) => isInstantInRange(new Date(d))), z.uuid(), int4]),
]);

export function encodeCursor(cursor: QueueCursor): string {
  const tuple: (string | number)[] = [cursor.priorityScore, cursor.slaDueAt.toISOString(), cursor.id];
  if (cursor.networkSize !== undefined) tuple.push(cursor.networkSize);
  return Buffer.from(JSON.stringify(tuple)).toString('base64url');
}

/**
 * A cursor from the URL, or null when absent or tampered with (the first page is shown). Sorted
 * by network, a cursor without a network size (from the other order) is no position either.
 */
export function decodeCursor(text: string | undefined, sort: QueueSort = 'priority'): QueueCursor | null {
  if (!text) return null;
  try {
    const parsed = ZCursorTuple.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const [priorityScore, slaDueAt, id, networkSize] = parsed.data;
    if (sort === 'network') return networkSize === undefined ? null : { priorityScore, slaDueAt: new Date(slaDueAt), id, networkSize };
    return { priorityScore, slaDueAt: new Date(slaDueAt), id };
  } catch {
    return null;
  }
}

/**
 * How the search box text is read: a whole report reference (exact, through its unique key), else
 * text matched as a fragment of a handle, platform account ID, display name or report reference.
 */
export type SearchTerm = { kind: 'reference'; reference: string } | { kind: 'text'; text: string } | null;

const REFERENCE = /^TC-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/**
 * Shortest text matched as a fragment. A trigram index needs three characters to narrow anything;
 * shorter text is matched exactly (a two-letter handle is still found).
 */
export const PARTIAL_MIN = 3;

export function readSearchTerm(q: string): SearchTerm {
  const text = q.trim();
  if (!text) return null;
  const upper = text.toUpperCase();
  if (REFERENCE.test(upper)) return { kind: 'reference', reference: upper };
  return { kind: 'text', text };
}

/** An ILIKE pattern for "contains `text`": its own %, _ and \ match literally (handles often hold _). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One row of the queue table. Plain data, safe to hand to any component. */
export type QueueRowDTO = {
  id: string;
  caseNumber: string;
  handle: string | null;
  platformAccountId: string | null;
  status: CaseStatus;
  severity: Severity;
  primaryCategory: HarmCategory;
  dangerNow: boolean;
  reportCount: number;
  distinctReporters: number;
  priorityScore: number;
  /** Accounts within two links of the case's account, itself included (1: not in a network). */
  networkSize: number;
  slaDueAt: Date;
  firstReportedAt: Date;
  lastReportedAt: Date;
  holder: { id: string; name: string } | null;
  leaseExpiresAt: Date | null;
};

export type QueuePageDTO = {
  rows: QueueRowDTO[];
  /** Cursor of the next page in queue order, or null on the last page (and for search results). */
  nextCursor: string | null;
  /** Position of this page's first row when cases come before it (for "Previous page"), else null. */
  previousCursor: string | null;
  /** True when a search term was given; results then span every status, closed included. */
  searched: boolean;
};
