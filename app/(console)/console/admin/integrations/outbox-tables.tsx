import { formatUtc } from '@/components/ui/format';
import type { OutboxOverview } from '@/lib/platform/list-outbox-overview';
import { retryDeadLetterAction } from './actions';
import { RowActionButton } from './row-action-button';

const cell = 'border-b border-slate-200 px-2 py-2 align-top dark:border-slate-800';
const th = `${cell} font-semibold`;

function When({ iso }: { iso: string | null }) {
  return iso ? <time dateTime={iso}>{formatUtc(new Date(iso))}</time> : <>—</>;
}

export function DeadLettersTable({ rows }: { rows: OutboxOverview['deadLetters'] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No dead letters.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Decisions that could not be delivered</caption>
      <thead>
        <tr>
          <th scope="col" className={th}>Event</th>
          <th scope="col" className={th}>Case</th>
          <th scope="col" className={th}>Attempts</th>
          <th scope="col" className={th}>Last error</th>
          <th scope="col" className={th}>Waiting behind it</th>
          <th scope="col" className={th}><span className="sr-only">Action</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className={cell}>#{r.id} {r.type}<br /><span className="text-slate-600 dark:text-slate-400">created <When iso={r.createdAt} /></span></td>
            <td className={cell}>{r.caseNumber ?? '—'}</td>
            <td className={cell}>{r.attempts}</td>
            <td className={cell}>{r.lastError ?? '—'}</td>
            <td className={cell}>{r.heldBack === 0 ? 'none' : `${r.heldBack} later ${r.heldBack === 1 ? 'event' : 'events'} of this case`}</td>
            <td className={cell}><RowActionButton label="Retry" run={retryDeadLetterAction.bind(null, { outboxId: r.id })} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DeliveriesTable({ rows }: { rows: OutboxOverview['recentDeliveries'] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing delivered yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Recent deliveries</caption>
      <thead>
        <tr>
          <th scope="col" className={th}>Event</th>
          <th scope="col" className={th}>Case</th>
          <th scope="col" className={th}>Attempts</th>
          <th scope="col" className={th}>Delivered</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className={cell}>#{r.id} {r.type}</td>
            <td className={cell}>{r.caseNumber ?? '—'}</td>
            <td className={cell}>{r.attempts}</td>
            <td className={cell}><When iso={r.at} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
