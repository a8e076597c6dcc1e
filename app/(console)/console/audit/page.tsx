import type { Metadata } from 'next';
import { ZodError } from 'zod';
import { AuditFilters, type AuditFilterValues } from '@/components/audit/audit-filters';
import { AuditTable } from '@/components/audit/audit-table';
import { VerifyChainButton } from '@/components/audit/verify-chain-button';
import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import { listAuditActors } from '@/lib/audit/list-actors';
import { AUDIT_EVENT_TYPES } from '@/lib/audit/list-event-types';
import { auditFilterParams, parseAuditFilter, ZAuditCursor, type TAuditFilter } from '@/lib/audit/list-filter';
import { requirePageRole } from '@/lib/auth/guards';
import { newRequestId } from '@/lib/http/respond';
import { verifyChainAction } from './actions';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;

const local = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : '');

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePageRole('supervisor', '/console/audit');
  const params = await searchParams;
  const raw = (k: string) => (Array.isArray(params[k]) ? params[k][0] : params[k]) ?? '';

  let filter: TAuditFilter = {};
  let error: string | null = null;
  try {
    filter = parseAuditFilter(params);
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    error = e.issues.map((i) => i.message).join('. ');
  }
  const before = ZAuditCursor.safeParse(raw('before'));
  const [page, actors] = await Promise.all([
    error ? null : listAuditEntries({ actor: staff, filter, before: before.success ? before.data : undefined, requestId: newRequestId() }),
    listAuditActors(),
  ]);

  const values: AuditFilterValues = error
    ? { actor: raw('actor'), case: raw('case'), event: raw('event'), from: raw('from').slice(0, 16), to: raw('to').slice(0, 16) }
    : { actor: filter.actor ?? '', case: filter.case ?? '', event: filter.event ?? '', from: local(filter.from), to: local(filter.to) };
  const exportHref = (format: 'csv' | 'jsonl') => `/api/v1/audit/export?${auditFilterParams(filter, { format })}`;
  const nextHref = page?.nextCursor ? `/console/audit?${auditFilterParams(filter, { before: page.nextCursor })}` : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Audit log</h1>
          <p className="mt-1 max-w-2xl text-slate-700 dark:text-slate-300">
            Who did what, and when. Entries cannot be changed or deleted, and are linked into a hash chain moments after they are
            written. Looking here and exporting are recorded too.
          </p>
        </div>
        <VerifyChainButton verify={verifyChainAction} />
      </div>
      <AuditFilters values={values} actors={actors} eventTypes={AUDIT_EVENT_TYPES} error={error} />
      {page ? (
        <>
          <p className="flex flex-wrap gap-4 text-sm">
            <span className="font-semibold">Export this filter:</span>
            <a href={exportHref('csv')} className="underline" download>
              CSV
            </a>
            <a href={exportHref('jsonl')} className="underline" download>
              JSON Lines
            </a>
          </p>
          <AuditTable entries={page.entries} nextHref={nextHref} />
        </>
      ) : null}
    </div>
  );
}
