import Link from 'next/link';
import { formatAgo, formatUtc } from '@/components/ui/format';
import { SeverityBadge, StatusBadge } from '@/components/ui/status-badge';
import type { QueueRowDTO } from '@/lib/queue/list-queue-params';
import { CATEGORY_INFO } from '@/lib/reports/categories';
import { SlaRemaining } from './sla-remaining';
import { OutsideText } from '@/components/ui/outside-text';

const th = 'px-2 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400';
const td = 'px-2 py-2 align-top';

/** The queue as a real table: caption, column headers with scope, one row per case. */
export function QueueTable({ rows, now, caption, viewerId }: { rows: QueueRowDTO[]; now: Date; caption: string; viewerId: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
          <tr>
            <th scope="col" className={th}>Case</th>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Category</th>
            <th scope="col" className={`${th} text-right`}>Reporters</th>
            <th scope="col" className={`${th} text-right`}>Reports</th>
            <th scope="col" className={`${th} text-right`}>
              Network<span className="sr-only"> (accounts within two links)</span>
            </th>
            <th scope="col" className={th}>First reported</th>
            <th scope="col" className={th}>Last reported</th>
            <th scope="col" className={th}>SLA</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Held by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.id} data-case-id={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link href={`/console/cases/${row.id}`} className="font-mono font-semibold text-blue-800 underline-offset-2 hover:underline dark:text-sky-300">
                  #{row.caseNumber}
                </Link>
                {row.dangerNow ? <span className="mt-1 block text-xs font-semibold text-red-800 dark:text-red-300">Child in danger now</span> : null}
              </th>
              <td className={td}>
                <AccountLabel handle={row.handle} platformAccountId={row.platformAccountId} />
              </td>
              <td className={td}>
                <span className="block">{CATEGORY_INFO[row.primaryCategory].shortLabel}</span>
                <SeverityBadge severity={row.severity} />
              </td>
              <td className={`${td} text-right tabular-nums`}>{row.distinctReporters}</td>
              <td className={`${td} text-right tabular-nums`}>{row.reportCount}</td>
              <td className={`${td} text-right tabular-nums`}>
                {row.networkSize > 1 ? row.networkSize : <span className="text-slate-500 dark:text-slate-400">—<span className="sr-only">not in a network</span></span>}
              </td>
              <td className={td}>
                <TimeAgo date={row.firstReportedAt} now={now} />
              </td>
              <td className={td}>
                <TimeAgo date={row.lastReportedAt} now={now} />
              </td>
              <td className={td}>
                <SlaRemaining slaDueAt={row.slaDueAt} now={now} />
              </td>
              <td className={td}>
                <StatusBadge status={row.status} />
              </td>
              <td className={td}>
                {row.holder ? (
                  <span className="whitespace-nowrap">{row.holder.id === viewerId ? `${row.holder.name} (you)` : row.holder.name}</span>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">—<span className="sr-only">nobody</span></span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Handle and platform ID as plain text (never a link to the platform). */
export function AccountLabel({ handle, platformAccountId }: { handle: string | null; platformAccountId: string | null }) {
  return (
    <span className="block max-w-56 break-words">
      {handle ? <OutsideText text={`@${handle}`} className="block font-medium" /> : null}
      {platformAccountId ? (
        <OutsideText text={`ID ${platformAccountId}`} className="block font-mono text-xs text-slate-600 dark:text-slate-400" />
      ) : null}
      {!handle && !platformAccountId ? <span className="text-slate-500">(profile link only)</span> : null}
    </span>
  );
}

function TimeAgo({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)} className="whitespace-nowrap text-slate-700 dark:text-slate-300">
      {formatAgo(date, now)}
    </time>
  );
}
