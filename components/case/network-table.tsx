import Link from 'next/link';
import { STATUS_LABEL } from '@/components/ui/status-badge';
import type { NetworkRowDTO } from '@/lib/networks/view-network';

const ENFORCEMENT = { none: 'None', suspended: 'Suspended', preserved: 'Preservation hold' } as const;
const HOTLINE = { ncmec: 'NCMEC', uk_nca: 'NCA' } as const;

/** Why a row cannot be selected: every measure is blocked for it (the first reason, they share one table). */
export function rowBlocked(row: NetworkRowDTO): string | null {
  const reasons = Object.values(row.blocked);
  return reasons.every((r) => r !== null) ? reasons[0]! : null;
}

/**
 * The network as a table: the accessible view, and the one a supervisor selects accounts in (a
 * checkbox per row when `selectable`; a row that cannot be acted on is disabled and says why).
 * Every handle, ID and link detail is the defanged text the server prepared.
 */
export function NetworkTable({ rows, selectable = false }: { rows: NetworkRowDTO[]; selectable?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Accounts in this network">
        <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
          <tr>
            {selectable ? <th scope="col" className="p-1">Select</th> : null}
            <th scope="col" className="p-1">Account</th>
            <th scope="col" className="p-1">Hops</th>
            <th scope="col" className="p-1">Why linked</th>
            <th scope="col" className="p-1">Case</th>
            <th scope="col" className="p-1">Enforcement</th>
            <th scope="col" className="p-1">Referrals</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const blocked = rowBlocked(row);
            const whyId = `network-why-${row.accountId}`;
            return (
              <tr key={row.accountId} data-account-id={row.accountId} className="border-t border-slate-200 align-top dark:border-slate-700">
                {selectable ? (
                  <td className="p-1">
                    <input
                      type="checkbox"
                      name="account"
                      value={row.accountId}
                      disabled={blocked !== null}
                      aria-label={`Select ${row.label}`}
                      aria-describedby={blocked ? whyId : undefined}
                      className="size-4"
                    />
                    {blocked ? (
                      <span id={whyId} className="block text-xs text-slate-600 dark:text-slate-400">
                        {blocked}
                      </span>
                    ) : null}
                  </td>
                ) : null}
                <th scope="row" className="p-1 font-medium break-all" data-outside-text>
                  {row.label}
                  <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{row.hops === 0 ? `${row.platform} · this case` : row.platform}</span>
                </th>
                <td className="p-1">{row.hops}</td>
                <td className="p-1">
                  {row.reasons.length === 0 ? '—' : (
                    <ul>
                      {row.reasons.map((r, i) => (
                        <li key={i}>
                          {r.reason}: <span className="break-all" data-outside-text>{r.detail}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="p-1">
                  {row.openCase ? (
                    <>
                      <Link href={`/console/cases/${row.openCase.id}`} className="text-blue-800 underline underline-offset-2 dark:text-sky-300">
                        #{row.openCase.caseNumber}
                      </Link>{' '}
                      {STATUS_LABEL[row.openCase.status]}
                    </>
                  ) : (
                    'No open case'
                  )}
                </td>
                <td className="p-1">{ENFORCEMENT[row.enforcement]}</td>
                <td className="p-1">
                  {row.referralCount}
                  {row.hotlineReportIds.map((h) => (
                    <span key={`${h.hotline}|${h.hotlineReportId}`} className="block text-xs break-all">
                      {HOTLINE[h.hotline]} {h.hotlineReportId}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
