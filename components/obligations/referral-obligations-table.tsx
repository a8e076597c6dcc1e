import Link from 'next/link';
import { AccountLabel } from '@/components/queue/queue-table';
import { formatDuration, formatUtc } from '@/components/ui/format';
import type { ReferralObligationDTO } from '@/lib/response/referral-obligation-params';

const th = 'px-2 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400';
const td = 'px-2 py-2 align-top';
const link = 'font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300';

/** Required referrals not yet acknowledged, oldest first: a real table with caption and scoped headers. */
export function ReferralObligationsTable({ rows, targetHours }: { rows: ReferralObligationDTO[]; targetHours: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Required hotline referrals not yet acknowledged, oldest first report first, with their age against the {targetHours}-hour target</caption>
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
          <tr>
            <th scope="col" className={th}>Case</th>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Hotline</th>
            <th scope="col" className={th}>Age since first report</th>
            <th scope="col" className={th}>Due</th>
            <th scope="col" className={th}>Referral stage</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.obligationId} data-obligation-id={row.obligationId} data-past-target={row.pastTarget ? 'true' : 'false'}>
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link href={`/console/cases/${row.caseId}`} className={`font-mono font-semibold ${link}`}>
                  #{row.caseNumber}
                </Link>
              </th>
              <td className={td}>
                <AccountLabel handle={row.handle} platformAccountId={row.platformAccountId} />
              </td>
              <td className={td}>{row.hotlineName}</td>
              <td className={`${td} whitespace-nowrap`}>
                <time dateTime={row.firstReportedAt.toISOString()} title={`First report ${formatUtc(row.firstReportedAt)}`}>
                  {formatDuration(row.ageMs)}
                </time>
              </td>
              <td className={`${td} whitespace-nowrap ${row.pastTarget ? 'font-semibold text-red-800 dark:text-red-300' : ''}`}>
                <time dateTime={row.dueAt.toISOString()}>{formatUtc(row.dueAt)}</time>
                {row.pastTarget ? <span className="block">Past the target</span> : null}
              </td>
              <td className={td}>
                <span className="block">
                  {row.stageLabel}
                  {row.version !== null ? <span className="text-slate-600 dark:text-slate-400"> (version {row.version})</span> : null}
                </span>
                <Link href={`/console/cases/${row.caseId}/referrals`} className={link}>
                  Referral panel<span className="sr-only"> of case #{row.caseNumber}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
