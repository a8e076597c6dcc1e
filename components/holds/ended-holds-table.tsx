import { formatUtc } from '@/components/ui/format';
import type { EndedHoldDTO } from '@/lib/preservation/list-holds';
import { HoldIdentityCells } from './hold-cells';

/** Holds that ended recently, most recent first, with how each ended. */
export function EndedHoldsTable({ holds, days }: { holds: EndedHoldDTO[]; days: number }) {
  if (holds.length === 0) return <p>No hold ended in the last {days} days.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Preservation holds that ended in the last {days} days, most recent first</caption>
        <thead className="border-b border-slate-400">
          <tr>
            <th scope="col" className="py-2 pr-3">Case and account</th>
            <th scope="col" className="py-2 pr-3">Basis and reason</th>
            <th scope="col" className="py-2 pr-3">Started</th>
            <th scope="col" className="py-2 pr-3">Ended</th>
            <th scope="col" className="py-2 pr-3">How it ended</th>
            <th scope="col" className="py-2">Release asked by / approved by</th>
          </tr>
        </thead>
        <tbody>
          {holds.map((h) => (
            <tr key={h.id} className="border-b border-slate-200 align-top dark:border-slate-800" data-hold-id={h.id}>
              <HoldIdentityCells hold={h} />
              <td className="py-2 pr-3 whitespace-nowrap">{formatUtc(h.startsAt)}</td>
              <td className="py-2 pr-3 whitespace-nowrap">
                <time dateTime={h.endedAt.toISOString()}>{formatUtc(h.endedAt)}</time>
              </td>
              <td className="py-2 pr-3">{h.endLabel}</td>
              <td className="py-2">{h.releasedBy ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
