import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { roleAtLeast } from '@/lib/auth/roles';
import { getPrisma, type Prisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { TAuditFilter } from './list-filter';
import { summarisePayload, summaryLine } from './list-summary';
import type { AuditEntryDetailDTO, AuditEntryDTO, AuditPage } from './list-types';

export type { AuditEntryDetailDTO, AuditEntryDTO, AuditPage } from './list-types';
import { writeAudit } from './write-audit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_CASE = '00000000-0000-0000-0000-000000000000';

export function requireAuditReader(actor: StaffPrincipal): void {
  if (!roleAtLeast(actor.role, 'supervisor')) throw new AppError('forbidden', 'This needs the supervisor role');
}

/** The filter as a Prisma where clause; a case number is resolved to its case (none: matches nothing). */
export async function auditWhere(db: Tx | ReturnType<typeof getPrisma>, filter: TAuditFilter): Promise<Prisma.AuditEntryWhereInput> {
  const where: Prisma.AuditEntryWhereInput = {};
  if (filter.actor) where.actorId = filter.actor;
  if (filter.event) where.event = filter.event;
  if (filter.case) {
    if (UUID.test(filter.case)) where.caseId = filter.case.toLowerCase();
    else {
      const kase = await db.case.findUnique({ where: { caseNumber: BigInt(filter.case.replace('#', '')) }, select: { id: true } });
      where.caseId = kase?.id ?? NO_CASE;
    }
  }
  if (filter.from || filter.to) where.occurredAt = { ...(filter.from && { gte: filter.from }), ...(filter.to && { lt: filter.to }) };
  return where;
}

export const ENTRY_SELECT = {
  id: true,
  occurredAt: true,
  actorType: true,
  actorId: true,
  event: true,
  caseId: true,
  entityType: true,
  entityId: true,
  requestId: true,
  payload: true,
  seal: { select: { seq: true } },
} as const satisfies Prisma.AuditEntrySelect;

type EntryRow = Prisma.AuditEntryGetPayload<{ select: typeof ENTRY_SELECT }>;

/** Staff names and case numbers for a batch of rows (two small lookups, not a join per row). */
export async function describeRows(db: Tx | ReturnType<typeof getPrisma>, rows: EntryRow[]): Promise<AuditEntryDTO[]> {
  const staffIds = [...new Set(rows.filter((r) => r.actorType === 'staff' && r.actorId && UUID.test(r.actorId)).map((r) => r.actorId!))];
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((id): id is string => id !== null))];
  const [staff, cases] = await Promise.all([
    staffIds.length ? db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }) : [],
    caseIds.length ? db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, caseNumber: true } }) : [],
  ]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const numbers = new Map(cases.map((c) => [c.id, String(c.caseNumber)]));
  return rows.map((r) => ({
    id: r.id.toString(),
    occurredAt: r.occurredAt,
    actorType: r.actorType,
    actorId: r.actorId,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    event: r.event,
    caseId: r.caseId,
    caseNumber: r.caseId ? (numbers.get(r.caseId) ?? null) : null,
    entityType: r.entityType,
    entityId: r.entityId,
    requestId: r.requestId,
    sealed: r.seal !== null,
    summary: summaryLine(r.payload),
  }));
}

export function filterSummary(filter: TAuditFilter) {
  return {
    actorId: filter.actor ?? null,
    caseId: null as string | null,
    event: filter.event ?? null,
    from: filter.from?.toISOString() ?? null,
    to: filter.to?.toISOString() ?? null,
  };
}

/**
 * One page of the audit log, newest first (keyset pagination on id: `before` is the last ID the
 * previous page showed). Looking is itself audited (audit.viewed), in the same transaction as the read.
 */
export async function listAuditEntries({
  actor,
  filter,
  before,
  limit = 50,
  requestId = null,
}: {
  actor: StaffPrincipal;
  filter: TAuditFilter;
  before?: bigint;
  limit?: number;
  requestId?: string | null;
}): Promise<AuditPage> {
  requireAuditReader(actor);
  return getPrisma().$transaction(async (tx) => {
    const where = await auditWhere(tx, filter);
    const rows = await tx.auditEntry.findMany({
      where: before ? { AND: [where, { id: { lt: before } }] } : where,
      orderBy: { id: 'desc' },
      take: limit + 1,
      select: ENTRY_SELECT,
    });
    const page = rows.slice(0, limit);
    const entries = await describeRows(tx, page);
    const summary = { ...filterSummary(filter), caseId: typeof where.caseId === 'string' ? where.caseId : null };
    await writeAudit(
      tx,
      { event: 'audit.viewed', payload: { filter: summary, rows: entries.length, entryId: null } },
      { actor: { type: 'staff', id: actor.id }, requestId },
    );
    return { entries, nextCursor: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null };
  });
}

/** One entry with its before/after summary; opening it is audited (audit.viewed with entryId). */
export async function getAuditEntry({
  actor,
  id,
  requestId = null,
}: {
  actor: StaffPrincipal;
  id: bigint;
  requestId?: string | null;
}): Promise<AuditEntryDetailDTO | null> {
  requireAuditReader(actor);
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.auditEntry.findUnique({ where: { id }, select: ENTRY_SELECT });
    if (!row) return null;
    const [dto] = await describeRows(tx, [row]);
    await writeAudit(
      tx,
      {
        event: 'audit.viewed',
        payload: { filter: { actorId: null, caseId: null, event: null, from: null, to: null }, rows: 1, entryId: id.toString() },
      },
      { actor: { type: 'staff', id: actor.id }, requestId },
    );
    return { ...dto!, payloadSummary: summarisePayload(row.payload) };
  });
}
