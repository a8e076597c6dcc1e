import type { CaseStatus, Severity } from '@/lib/cases/get-case-dto';

export const STATUS_LABEL: Record<CaseStatus, string> = {
  open: 'Open',
  in_review: 'In review',
  escalated: 'Escalated',
  awaiting_approval: 'Awaiting approval',
  responding: 'Responding: obligations outstanding',
  closed: 'Closed',
};

const STATUS_TONE: Record<CaseStatus, string> = {
  open: 'border-slate-400 text-slate-800 dark:border-slate-500 dark:text-slate-200',
  in_review: 'border-blue-600 text-blue-900 dark:border-sky-400 dark:text-sky-200',
  escalated: 'border-purple-600 text-purple-900 dark:border-purple-400 dark:text-purple-200',
  awaiting_approval: 'border-amber-600 text-amber-900 dark:border-amber-400 dark:text-amber-200',
  responding: 'border-teal-700 text-teal-900 dark:border-teal-400 dark:text-teal-200',
  closed: 'border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-400',
};

/** The case status as a bordered label: the word carries the meaning, the colour only helps. */
export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_TONE[status]}`}>
      {STATUS_LABEL[status]}
    </span>
  );
}

const SEVERITY_TONE: Record<Severity, string> = {
  critical: 'bg-red-700 text-white dark:bg-red-400 dark:text-red-950',
  high: 'bg-amber-200 text-amber-950 dark:bg-amber-400 dark:text-amber-950',
  standard: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap uppercase ${SEVERITY_TONE[severity]}`}>
      {severity}
    </span>
  );
}
