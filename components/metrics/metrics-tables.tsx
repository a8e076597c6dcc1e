import { formatDuration, formatUtc } from '@/components/ui/format';
import type { BacklogRow, DurationStats, ModeratorThroughput } from '@/lib/metrics/types';

const th = 'py-2 pr-3 text-left';
const td = 'py-2 pr-3';

export function BacklogTable({ rows }: { rows: BacklogRow[] }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Open backlog by severity</caption>
      <thead className="border-b border-slate-400">
        <tr>
          <th scope="col" className={th}>Severity</th>
          <th scope="col" className={th}>Open</th>
          <th scope="col" className={th}>Unassigned</th>
          <th scope="col" className={th}>Past SLA</th>
          <th scope="col" className={th}>Oldest report</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.severity} className="border-b border-slate-200 dark:border-slate-800">
            <th scope="row" className={`${td} text-left capitalize`}>{r.severity}</th>
            <td className={td}>{r.open}</td>
            <td className={td}>{r.unassigned}</td>
            <td className={`${td} ${r.breached > 0 ? 'font-bold text-red-800 dark:text-red-300' : ''}`}>{r.breached}</td>
            <td className={td}>{r.oldestAt ? formatUtc(r.oldestAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const seconds = (s: number | null) => (s === null ? '—' : formatDuration(s * 1000));

/** Median and 90th percentile of durations measured from the first report, one row per measure. */
export function DurationTable({ rows, caption }: { rows: { label: string; stats: DurationStats }[]; caption: string }) {
  return (
    <table className="w-full text-sm">
      <caption className="text-left text-slate-700 dark:text-slate-300">{caption}</caption>
      <thead className="border-b border-slate-400">
        <tr>
          <th scope="col" className={th}>Measure</th>
          <th scope="col" className={th}>Cases</th>
          <th scope="col" className={th}>Median</th>
          <th scope="col" className={th}>90th percentile</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ label, stats: s }) => (
          <tr key={label} className="border-b border-slate-200 dark:border-slate-800">
            <th scope="row" className={`${td} text-left`}>{label}</th>
            <td className={td}>{s.count}</td>
            <td className={td}>{seconds(s.medianSeconds)}</td>
            <td className={td}>{seconds(s.p90Seconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ThroughputTable({ rows, cap }: { rows: ModeratorThroughput[]; cap: number }) {
  if (rows.length === 0) return <p>No actions in the last 7 days.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Per-moderator throughput, last 7 days</caption>
      <thead className="border-b border-slate-400">
        <tr>
          <th scope="col" className={th}>Staff</th>
          <th scope="col" className={th}>Decisions (7 days)</th>
          <th scope="col" className={th}>All actions (7 days)</th>
          <th scope="col" className={th}>Cases opened today (cap {cap})</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.staffId} className="border-b border-slate-200 dark:border-slate-800">
            <th scope="row" className={`${td} text-left`}>{r.name}</th>
            <td className={td}>{r.decisions}</td>
            <td className={td}>{r.actions}</td>
            <td className={`${td} ${r.overCap ? 'font-bold text-red-800 dark:text-red-300' : ''}`}>
              {r.casesToday}
              {r.overCap ? ' (over the cap)' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
