import 'server-only';
import { Readable } from 'node:stream';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { writeAudit } from './write-audit';
import { csvStream, type AuditCsvRow } from './export-csv';
import { auditWhere, describeRows, ENTRY_SELECT, filterSummary, requireAuditReader, type AuditEntryDTO } from './list-audit-entries';
import type { TAuditFilter } from './list-filter';

export type AuditExportFormat = 'csv' | 'jsonl';

export type AuditExport = { rows: number; body: ReadableStream<Uint8Array>; filename: string; contentType: string };

const BATCH = 1000;

/**
 * Exports the filtered audit log as CSV or JSON Lines. First, in one transaction, it fixes the
 * upper bound (the newest entry now), counts the matching rows up to it and writes audit.exported
 * with the filter and that count: the export is on record before a byte leaves. Then it streams
 * the rows up to the bound, oldest first, a batch at a time (keyset on id), so memory stays flat
 * at any size.
 */
export async function exportAuditEntries({
  actor,
  filter,
  format,
  requestId = null,
  now = new Date(),
}: {
  actor: StaffPrincipal;
  filter: TAuditFilter;
  format: AuditExportFormat;
  requestId?: string | null;
  now?: Date;
}): Promise<AuditExport> {
  requireAuditReader(actor);
  const prisma = getPrisma();
  const { where, upTo, rows } = await prisma.$transaction(async (tx) => {
    const where = await auditWhere(tx, filter);
    const newest = await tx.auditEntry.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
    const upTo = newest?.id ?? 0n;
    const rows = await tx.auditEntry.count({ where: { AND: [where, { id: { lte: upTo } }] } });
    const summary = { ...filterSummary(filter), caseId: typeof where.caseId === 'string' ? where.caseId : null };
    await writeAudit(
      tx,
      { event: 'audit.exported', payload: { format, filter: summary, rows } },
      { actor: { type: 'staff', id: actor.id }, requestId },
    );
    return { where, upTo, rows };
  });

  async function* entries(): AsyncGenerator<AuditEntryDTO & { payload: unknown }> {
    let after = 0n;
    for (;;) {
      const batch = await prisma.auditEntry.findMany({
        where: { AND: [where, { id: { gt: after, lte: upTo } }] },
        orderBy: { id: 'asc' },
        take: BATCH,
        select: ENTRY_SELECT,
      });
      if (batch.length === 0) return;
      const described = await describeRows(prisma, batch);
      for (let i = 0; i < batch.length; i++) yield { ...described[i]!, payload: batch[i]!.payload };
      after = batch.at(-1)!.id;
      if (batch.length < BATCH) return;
    }
  }

  const stamp = now.toISOString().replace(/[:.]/g, '-');
  if (format === 'csv') {
    return { rows, body: toWebStream(csvStream(mapAsync(entries(), toCsvRow))), filename: `audit-${stamp}.csv`, contentType: 'text/csv; charset=utf-8' };
  }
  return {
    rows,
    body: toWebStream(Readable.from(mapAsync(entries(), (e) => `${JSON.stringify(toJsonLine(e))}\n`))),
    filename: `audit-${stamp}.jsonl`,
    contentType: 'application/x-ndjson; charset=utf-8',
  };
}

/** A Node stream of text or bytes as a web byte stream (what a Response body needs), pulled on demand. */
function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value as Buffer));
    },
    cancel() {
      stream.destroy();
    },
  });
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, fn: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield fn(item);
}

function toCsvRow(e: AuditEntryDTO & { payload: unknown }): AuditCsvRow {
  return {
    id: e.id,
    occurred_at: e.occurredAt,
    actor_type: e.actorType,
    actor_id: e.actorId,
    actor_name: e.actorName,
    event: e.event,
    case_id: e.caseId,
    case_number: e.caseNumber,
    entity_type: e.entityType,
    entity_id: e.entityId,
    request_id: e.requestId,
    sealed: e.sealed,
    summary: e.summary,
    payload: JSON.stringify(e.payload ?? {}),
  };
}

function toJsonLine(e: AuditEntryDTO & { payload: unknown }) {
  const { summary: _summary, ...rest } = e;
  return { ...rest, occurredAt: e.occurredAt.toISOString() };
}
