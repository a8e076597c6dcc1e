import Link from 'next/link';
import { formatUtc } from '@/components/ui/format';
import type { HoldExpiry } from '@/lib/retention/hold-expiry';
import type { PreservationHoldDTO } from '@/lib/retention/list-preservation-holds';
import { OutsideText } from '@/components/ui/outside-text';

export type HoldRow = PreservationHoldDTO;

const TONE: Record<HoldExpiry['state'], string> = {
  active: '',
  expiring: 'font-semibold text-amber-900 dark:text-amber-200',
  expired: 'font-semibold text-red-800 dark:text-red-300',
};

/** Preservation holds in force, with the countdown to each one's end. */
export function HoldsTable({ holds }: { holds: HoldRow[] }) {
  if (holds.length === 0) return <p>No preservation hold is in force.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Preservation holds, soonest expiry first</caption>
        <thead className="border-b border-slate-400">
          <tr>
            <th scope="col" className="py-2 pr-3">Case</th>
            <th scope="col" className="py-2 pr-3">Account</th>
            <th scope="col" className="py-2 pr-3">Reason</th>
            <th scope="col" className="py-2 pr-3">Asked by / approved by</th>
            <th scope="col" className="py-2 pr-3">Started</th>
            <th scope="col" className="py-2 pr-3">Expires</th>
            <th scope="col" className="py-2">Time left</th>
          </tr>
        </thead>
        <tbody>
          {holds.map((h) => (
            <tr key={h.id} className="border-b border-slate-200 align-top dark:border-slate-800" data-expiry={h.expiry.state}>
              <td className="py-2 pr-3">
                <Link href={`/console/cases/${h.caseId}`} className="underline">
                  Case {h.caseNumber}
                </Link>
              </td>
              <td className="py-2 pr-3">
                <OutsideText text={h.accountLabel} />
              </td>
              <td className="py-2 pr-3 font-mono">{h.reasonCode}</td>
              <td className="py-2 pr-3">
                {h.requestedBy} / {h.approvedBy ?? '—'}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{formatUtc(h.startsAt)}</td>
              <td className="py-2 pr-3 whitespace-nowrap">
                <time dateTime={h.expiresAt.toISOString()}>{formatUtc(h.expiresAt)}</time>
              </td>
              <td className={`py-2 ${TONE[h.expiry.state]}`}>
                {h.expiry.state === 'expiring' ? 'Expiring soon: ' : ''}
                {h.expiry.text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
