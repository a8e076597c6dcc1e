import type { ReferralObligationAgesRow } from '@/lib/metrics/types';

const th = 'py-2 pr-3 text-left';
const td = 'py-2 pr-3';

/** Outstanding referral obligations by age since the case's first report, against the target. */
export function ReferralAgeTable({ ages }: { ages: ReferralObligationAgesRow }) {
  return (
    <table className="w-full text-sm">
      <caption className="text-left text-slate-700 dark:text-slate-300">
        Required referrals not yet acknowledged, by time since the case&apos;s first report (target {ages.targetHours} hours)
      </caption>
      <thead className="border-b border-slate-400">
        <tr>
          <th scope="col" className={th}>Age</th>
          <th scope="col" className={th}>Outstanding</th>
        </tr>
      </thead>
      <tbody>
        {ages.buckets.map((b) => (
          <tr key={b.key} className="border-b border-slate-200 dark:border-slate-800">
            <th scope="row" className={`${td} text-left`}>{b.label}</th>
            <td className={`${td} ${b.pastTarget && b.count > 0 ? 'font-bold text-red-800 dark:text-red-300' : ''}`}>{b.count}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" className={`${td} text-left`}>All outstanding</th>
          <td className={td}>{ages.outstanding}</td>
        </tr>
      </tfoot>
    </table>
  );
}
