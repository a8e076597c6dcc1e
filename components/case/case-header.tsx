import { SlaRemaining } from '@/components/queue/sla-remaining';
import { formatUtc } from '@/components/ui/format';
import { SeverityBadge, StatusBadge } from '@/components/ui/status-badge';
import type { CaseDetailDTO } from '@/lib/cases/get-case-dto';
import { CATEGORY_INFO } from '@/lib/reports/categories';
import { OutsideText } from '@/components/ui/outside-text';

const RESOLUTION_LABEL = {
  suspended: 'account suspended',
  preserved: 'preservation hold',
  dismissed: 'dismissed',
  merged: 'merged',
  referred: 'referred to the hotlines',
} as const;

/** Case number, account, status and the figures a moderator checks first. */
export function CaseHeader({ kase, now }: { kase: CaseDetailDTO; now: Date }) {
  const account = kase.account.handle ? `@${kase.account.handle}` : kase.account.platformAccountId ? `ID ${kase.account.platformAccountId}` : 'account';
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          Case <span className="font-mono">#{kase.caseNumber}</span>
          <span className="sr-only">,</span> <OutsideText text={account} className="break-all" />
        </h1>
        <StatusBadge status={kase.status} />
        <SeverityBadge severity={kase.severity} />
        {kase.resolution ? <span className="text-sm text-slate-700 dark:text-slate-300">Resolution: {RESOLUTION_LABEL[kase.resolution]}</span> : null}
      </div>
      {kase.dangerNow ? (
        <p className="rounded-md border-l-4 border-red-700 bg-red-50 px-3 py-2 text-sm font-semibold text-red-900 dark:border-red-400 dark:bg-red-950/50 dark:text-red-100">
          A reporter said a child is in danger right now.
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <Fact term="Main category">{CATEGORY_INFO[kase.primaryCategory].shortLabel}</Fact>
        <Fact term="Reports">{kase.reportCount}</Fact>
        <Fact term="Distinct reporters">{kase.distinctReporters}</Fact>
        <Fact term="Priority">{kase.priorityScore}</Fact>
        <Fact term="SLA">
          {kase.status === 'closed' && !kase.firstActionAt ? 'closed' : <SlaRemaining slaDueAt={kase.slaDueAt} now={now} actedAt={kase.firstActionAt} />}
        </Fact>
        <Fact term="First / last report">
          <time dateTime={kase.firstReportedAt.toISOString()}>{formatUtc(kase.firstReportedAt)}</time>
          <br />
          <time dateTime={kase.lastReportedAt.toISOString()}>{formatUtc(kase.lastReportedAt)}</time>
        </Fact>
      </dl>
      {kase.categories.length > 1 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Also reported as: {kase.categories.filter((c) => c !== kase.primaryCategory).map((c) => CATEGORY_INFO[c].shortLabel).join(', ')}
        </p>
      ) : null}
    </header>
  );
}

export function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{term}</dt>
      <dd className="mt-0.5 tabular-nums">{children}</dd>
    </div>
  );
}
