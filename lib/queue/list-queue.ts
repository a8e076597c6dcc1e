import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CaseStatus, HarmCategory, Severity } from '@/lib/generated/prisma/enums';
import {
  decodeCursor,
  encodeCursor,
  NOT_IN_DEFAULT_QUEUE,
  QUEUE_PAGE_SIZE,
  readSearchTerm,
  type QueueCursor,
  type QueuePageDTO,
  type QueueQuery,
  type QueueRowDTO,
  type QueueSort,
} from './list-queue-params';
import { keysetPageIds, type OrderKey } from './queue-keyset';
import { searchCaseIds } from './search-cases';

type Sql = Prisma.Sql;
const { sql, join, empty } = Prisma;

type Row = {
  id: string;
  case_number: bigint;
  status: CaseStatus;
  severity: Severity;
  primary_category: HarmCategory;
  danger_now: boolean;
  report_count: number;
  distinct_reporters: number;
  priority_score: number;
  network_size: number;
  sla_due_at: Date;
  first_reported_at: Date;
  last_reported_at: Date;
  lease_expires_at: Date | null;
  handle: string | null;
  platform_account_id: string | null;
  holder_id: string | null;
  holder_name: string | null;
};

const COLUMNS = sql`c.id::text, c.case_number, c.status::text AS status, c.severity::text AS severity,
  c.primary_category::text AS primary_category, c.danger_now, c.report_count, c.distinct_reporters, c.priority_score, c.network_size,
  c.sla_due_at, c.first_reported_at, c.last_reported_at, c.lease_expires_at,
  a.handle, a.platform_account_id, s.id::text AS holder_id, s.name AS holder_name`;

/**
 * One page of the queue: open cases (not closed; responding ones only through the status or obligation
 * filter) in queue order — priority high first, then the earliest SLA due time, then id — with
 * keyset pagination on exactly that triple, so page 2,000
 * costs what page 1 costs (never OFFSET). The ordering and the `closed_at IS NULL` predicate match
 * the partial index `cases_queue_order`; sorted by network (`sort=network`), the network size comes
 * first and `cases_queue_by_network` serves it the same way. A search term instead finds the cases (of any status) of
 * one account or of one report reference.
 */
export async function listQueue({
  viewer,
  query,
  limit = QUEUE_PAGE_SIZE,
  now = new Date(),
}: {
  viewer: Pick<StaffPrincipal, 'id'>;
  query: QueueQuery;
  limit?: number;
  now?: Date;
}): Promise<QueuePageDTO> {
  const prisma = getPrisma();
  const filters: Sql[] = [];
  if (query.category) filters.push(sql`c.primary_category = ${query.category}::"HarmCategory"`);
  if (query.status) filters.push(sql`c.status = ${query.status}::"CaseStatus"`);
  if (query.breached) filters.push(sql`c.sla_due_at < ${now}`);
  if (query.mine) filters.push(sql`c.assignee_id = ${viewer.id}::uuid`);
  if (query.network) filters.push(sql`c.network_size >= ${query.network}`);
  // Driven from the partial index case_obligations_outstanding (a working set), not probed per queue row.
  if (query.obligation === 'referral') {
    filters.push(sql`c.id IN (SELECT case_id FROM case_obligations WHERE kind = 'referral' AND state = 'outstanding')`);
  }

  const term = readSearchTerm(query.q);
  if (term) {
    const ids = await searchCaseIds(term);
    if (ids.length === 0) return { rows: [], nextCursor: null, previousCursor: null, searched: true };
    const rows = await prisma.$queryRaw<Row[]>`
      SELECT ${COLUMNS}
      FROM cases c JOIN reported_accounts a ON a.id = c.account_id LEFT JOIN staff s ON s.id = c.assignee_id
      WHERE c.id = ANY(${ids}::uuid[]) ${and(filters)}
      ORDER BY c.closed_at IS NOT NULL, ${query.sort === 'network' ? sql`c.network_size DESC,` : empty} c.priority_score DESC, c.sla_due_at, c.id
      LIMIT ${limit}`;
    return { rows: rows.map(toDTO), nextCursor: null, previousCursor: null, searched: true };
  }

  // The queue proper is claimable work: responding cases show only when a filter asks for them.
  if (!query.status && !query.obligation) filters.push(sql`c.status NOT IN (${join(NOT_IN_DEFAULT_QUEUE.map((s) => sql`${s}::"CaseStatus"`))})`);
  const byNetwork = query.sort === 'network';
  const cursor = decodeCursor(query.cursor, query.sort);
  const before = cursor ? null : decodeCursor(query.before, query.sort);
  const fetchPage = (ids: Sql) => prisma.$queryRaw<Row[]>`
    SELECT ${COLUMNS}
    FROM (${ids}) AS page
    JOIN cases c ON c.id = page.id
    JOIN reported_accounts a ON a.id = c.account_id
    LEFT JOIN staff s ON s.id = c.assignee_id
    ORDER BY ${byNetwork ? sql`c.network_size DESC,` : empty} c.priority_score DESC, c.sla_due_at, c.id`;
  const position = (row: Row) =>
    encodeCursor({ priorityScore: row.priority_score, slaDueAt: row.sla_due_at, id: row.id, ...(byNetwork ? { networkSize: row.network_size } : {}) });

  if (before) {
    // The `limit` rows just before the position, plus one to learn whether more precede them.
    const rows = await fetchPage(pageIds(filters, query.sort, before, 'before', limit + 1));
    const more = rows.length > limit;
    const pageRows = more ? rows.slice(1) : rows;
    const first = pageRows[0];
    const last = pageRows.at(-1);
    // Nothing before it any more (those cases were closed meanwhile): show the first page.
    if (!first || !last) return listQueue({ viewer, query: { ...query, before: undefined }, limit, now });
    return { rows: pageRows.map(toDTO), nextCursor: position(last), previousCursor: more ? position(first) : null, searched: false };
  }

  const rows = await fetchPage(pageIds(filters, query.sort, cursor, 'after', limit + 1));
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const first = pageRows[0];
  const last = pageRows.at(-1);
  return {
    rows: pageRows.map(toDTO),
    nextCursor: more && last ? position(last) : null,
    previousCursor: cursor && first ? position(first) : null,
    searched: false,
  };
}

/**
 * The ids of one page, in queue order (cases_queue_order) or network order (cases_queue_by_network):
 * keyset pages through lib/queue/queue-keyset.ts, after or just before a position.
 */
function pageIds(filters: Sql[], sort: QueueSort, position: QueueCursor | null, direction: 'after' | 'before', limit: number): Sql {
  const p = position;
  const groups: OrderKey[][] = [
    [{ name: 'priority_score', desc: true, value: sql`${p?.priorityScore ?? 0}` }],
    [
      { name: 'sla_due_at', desc: false, value: sql`${p?.slaDueAt ?? new Date(0)}::timestamptz` },
      { name: 'id', desc: false, value: sql`${p?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid` },
    ],
  ];
  if (sort === 'network') groups.unshift([{ name: 'network_size', desc: true, value: sql`${p?.networkSize ?? 0}` }]);
  return keysetPageIds({ where: sql`c.closed_at IS NULL ${and(filters)}`, groups, position: p ? direction : null, limit });
}

const and = (filters: Sql[]) => (filters.length ? sql`AND ${join(filters, ' AND ')}` : empty);

function toDTO(row: Row): QueueRowDTO {
  return {
    id: row.id,
    caseNumber: row.case_number.toString(),
    handle: row.handle,
    platformAccountId: row.platform_account_id,
    status: row.status,
    severity: row.severity,
    primaryCategory: row.primary_category,
    dangerNow: row.danger_now,
    reportCount: row.report_count,
    distinctReporters: row.distinct_reporters,
    priorityScore: row.priority_score,
    networkSize: row.network_size,
    slaDueAt: row.sla_due_at,
    firstReportedAt: row.first_reported_at,
    lastReportedAt: row.last_reported_at,
    holder: row.holder_id ? { id: row.holder_id, name: row.holder_name ?? '' } : null,
    leaseExpiresAt: row.lease_expires_at,
  };
}
