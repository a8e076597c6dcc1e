import Link from 'next/link';
import { STATUS_LABEL } from '@/components/ui/status-badge';
import { NETWORK_MIN_CHOICES, QUEUE_OBLIGATION_LABEL, QUEUE_STATUSES, SEARCH_MAX, type QueueQuery } from '@/lib/queue/list-queue-params';
import { CATEGORY_INFO, HARM_CATEGORIES } from '@/lib/reports/categories';

const control =
  'rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100';
const label = 'block text-xs font-semibold text-slate-700 dark:text-slate-300';

/** Filters and search as a plain GET form: the URL is the state, and it works without JavaScript. */
export function QueueFilters({ query }: { query: QueueQuery }) {
  return (
    <form role="search" aria-label="Filter and search the queue" method="get" action="/console" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="queue-q" className={label}>
          Search
        </label>
        <input
          id="queue-q"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={SEARCH_MAX}
          placeholder="Handle, name, account ID or TC-…"
          aria-describedby="queue-q-hint"
          className={`${control} w-64`}
        />
        <span id="queue-q-hint" className="sr-only">
          Part of a handle, display name, platform account ID or report reference such as TC-7K4M-9QX2, in any letter case
        </span>
      </div>
      <div>
        <label htmlFor="queue-category" className={label}>
          Category
        </label>
        <select id="queue-category" name="category" defaultValue={query.category ?? ''} className={control}>
          <option value="">All categories</option>
          {HARM_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_INFO[c].shortLabel}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="queue-status" className={label}>
          Status
        </label>
        <select id="queue-status" name="status" defaultValue={query.status ?? ''} className={control}>
          {/* Responding cases are left out of the default view, but not out of the obligation filter's. */}
          <option value="">{query.obligation ? 'Any open status' : 'All open, except responding'}</option>
          {QUEUE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="queue-network" className={label}>
          Network
        </label>
        <select id="queue-network" name="network" defaultValue={query.network ? String(query.network) : ''} className={control}>
          <option value="">Any account</option>
          {/* A minimum typed into the URL that is not offered stays selected, so Apply keeps it. */}
          {[...new Set<number>([...NETWORK_MIN_CHOICES, ...(query.network ? [query.network] : [])])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>
              {n === 2 ? 'In a network (2+ accounts)' : `${n}+ accounts`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="queue-sort" className={label}>
          Order
        </label>
        <select id="queue-sort" name="sort" defaultValue={query.sort} className={control}>
          <option value="priority">Priority, then SLA</option>
          <option value="network">Network size, then priority</option>
        </select>
      </div>
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input type="checkbox" name="obligation" value="referral" defaultChecked={query.obligation === 'referral'} className="size-4" />
        {QUEUE_OBLIGATION_LABEL.referral}
      </label>
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input type="checkbox" name="breached" value="1" defaultChecked={query.breached} className="size-4" />
        SLA breached
      </label>
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input type="checkbox" name="mine" value="1" defaultChecked={query.mine} className="size-4" />
        Held by me
      </label>
      <div className="flex gap-2 pb-px">
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900 dark:hover:bg-white">
          Apply
        </button>
        <Link href="/console" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
          Clear
        </Link>
      </div>
    </form>
  );
}
