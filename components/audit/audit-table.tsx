import Link from 'next/link';
import { formatUtc } from '@/components/ui/format';
import type { AuditEntryDTO } from '@/lib/audit/list-types';
import { OutsideText } from '@/components/ui/outside-text';

export function actorLabel(e: Pick<AuditEntryDTO, 'actorType' | 'actorId' | 'actorName'>): string {
  if (e.actorType === 'public') return 'Public reporter';
  if (e.actorName) return e.actorName;
  return e.actorId ? `${e.actorType}: ${e.actorId}` : e.actorType;
}

/** One page of audit entries, newest first. Every value is rendered as text. */
export function AuditTable({ entries, nextHref }: { entries: AuditEntryDTO[]; nextHref: string | null }) {
  if (entries.length === 0) return <p className="text-slate-700 dark:text-slate-300">No audit entries match this filter.</p>;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead className="border-b border-slate-400">
            <tr>
              <th scope="col" className="py-2 pr-3">Entry</th>
              <th scope="col" className="py-2 pr-3">When</th>
              <th scope="col" className="py-2 pr-3">Actor</th>
              <th scope="col" className="py-2 pr-3">Event</th>
              <th scope="col" className="py-2 pr-3">Case</th>
              <th scope="col" className="py-2 pr-3">Summary</th>
              <th scope="col" className="py-2">Sealed</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                <td className="py-2 pr-3 font-mono">
                  <Link href={`/console/audit/${e.id}`} className="underline">
                    #{e.id}
                  </Link>
                </td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  <time dateTime={e.occurredAt.toISOString()}>{formatUtc(e.occurredAt)}</time>
                </td>
                <td className="py-2 pr-3">{actorLabel(e)}</td>
                <td className="py-2 pr-3 font-mono">{e.event}</td>
                <td className="py-2 pr-3">
                  {e.caseId ? (
                    <Link href={`/console/cases/${e.caseId}`} className="underline">
                      {e.caseNumber ? `Case ${e.caseNumber}` : 'Case'}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="py-2 pr-3 break-words">
                  <OutsideText text={e.summary} />
                </td>
                <td className="py-2">{e.sealed ? 'Yes' : 'Pending'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextHref ? (
        <Link href={nextHref} className="inline-block underline">
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
