import Link from 'next/link';
import { formatUtc } from '@/components/ui/format';
import { StatusBadge } from '@/components/ui/status-badge';
import type { CaseSummaryDTO } from '@/lib/cases/get-case-dto';
import { CATEGORY_INFO } from '@/lib/reports/categories';
import { Panel } from './panel';

/** The account's other cases: its history of reports and decisions. */
export function EarlierCases({ cases }: { cases: CaseSummaryDTO[] }) {
  return (
    <Panel id="history" title="Account history">
      {cases.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No earlier cases about this account.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {cases.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Link href={`/console/cases/${c.id}`} className="font-mono font-semibold text-blue-800 underline-offset-2 hover:underline dark:text-sky-300">
                #{c.caseNumber}
              </Link>
              <StatusBadge status={c.status} />
              {c.resolution ? <span>{c.resolution}</span> : null}
              <span>{CATEGORY_INFO[c.primaryCategory].shortLabel}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {c.reportCount} {c.reportCount === 1 ? 'report' : 'reports'} · opened {formatUtc(c.createdAt)}
                {c.closedAt ? ` · closed ${formatUtc(c.closedAt)}` : ''}
              </span>
              {c.onChain ? <span className="text-xs text-slate-600 dark:text-slate-400">(earlier case of this one)</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
