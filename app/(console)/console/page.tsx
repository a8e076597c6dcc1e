import type { Metadata } from 'next';
import Link from 'next/link';
import { QueueFilters } from '@/components/queue/queue-filters';
import { QueueTable } from '@/components/queue/queue-table';
import { QueueToolbar } from '@/components/queue/queue-toolbar';
import { requirePageRole } from '@/lib/auth/guards';
import { listQueue } from '@/lib/queue/list-queue';
import { parseQueueQuery, queueHref, searchTextProblem } from '@/lib/queue/list-queue-params';
import { claimNextCaseAction } from './actions';

export const metadata: Metadata = { title: 'Queue – Triage Console' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueuePage({ searchParams }: Props) {
  const staff = await requirePageRole('moderator', '/console');
  const params = await searchParams;
  const query = parseQueueQuery(params);
  const refused = searchTextProblem(params);
  const now = new Date();
  const page = await listQueue({ viewer: staff, query, now });
  const filtered = Boolean(query.category || query.status || query.obligation || query.breached || query.mine || query.network);
  const caption = page.searched
    ? `Cases matching “${query.q}”`
    : query.obligation
      ? 'Cases with a required referral not yet acknowledged, highest priority first, then earliest SLA'
      : query.sort === 'network'
        ? 'Open cases, largest account network first, then highest priority, then earliest SLA'
        : 'Open cases, highest priority first, then earliest SLA';

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{page.searched ? 'Search results' : 'Queue'}</h1>
        <QueueToolbar claimNext={claimNextCaseAction} />
      </div>
      <QueueFilters query={query} />
      {refused ? (
        <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          Search not run. {refused}.
        </p>
      ) : null}
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {page.searched
          ? `${page.rows.length} ${page.rows.length === 1 ? 'case' : 'cases'} found, of any status.`
          : page.previousCursor
            ? 'Showing a later page of the queue.'
            : query.obligation
              ? 'Showing cases with a required hotline referral not yet acknowledged (usually responding).'
              : filtered
                ? 'Showing open cases that match the filters.'
                : 'Showing open cases. Responding cases (measures recorded, obligations outstanding) are under the status and Referral obligations filters.'}
        {query.obligation ? (
          <>
            {' '}
            <Link href="/console/obligations" className="font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300">
              Oldest first, with their age: Referral obligations page
            </Link>
          </>
        ) : null}
      </p>
      {page.rows.length > 0 ? (
        <QueueTable rows={page.rows} now={now} caption={caption} viewerId={staff.id} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
          {page.searched
            ? 'No case has a handle, display name, account ID or report reference containing that text.'
            : query.obligation
              ? 'No case has a required referral outstanding.'
              : 'No open cases match. The queue is clear.'}
        </p>
      )}
      <nav aria-label="Queue pages" className="flex gap-4 text-sm">
        {page.previousCursor ? (
          <>
            <Link href={queueHref(query, null)} className="font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300">
              First page
            </Link>
            <Link
              href={queueHref(query, { before: page.previousCursor })}
              rel="prev"
              className="font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300"
            >
              Previous page
            </Link>
          </>
        ) : null}
        {page.nextCursor ? (
          <Link href={queueHref(query, page.nextCursor)} rel="next" className="font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
