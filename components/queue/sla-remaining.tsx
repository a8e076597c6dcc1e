import { formatUtc, slaOutcome, slaState } from '@/components/ui/format';

/**
 * SLA time left, or how long overdue; once the case has its first decision (`actedAt`), whether that
 * met the SLA, which no longer runs. A breach is shown in words ("Overdue by …") and with an icon,
 * not by colour alone.
 */
export function SlaRemaining({ slaDueAt, now, actedAt = null }: { slaDueAt: Date; now: Date; actedAt?: Date | null }) {
  const sla = actedAt ? slaOutcome(slaDueAt, actedAt) : slaState(slaDueAt, now);
  const tone = sla.breached
    ? 'font-semibold text-red-800 dark:text-red-300'
    : sla.urgent
      ? 'font-medium text-amber-800 dark:text-amber-300'
      : 'text-slate-700 dark:text-slate-300';
  return (
    <time dateTime={slaDueAt.toISOString()} title={`Due ${formatUtc(slaDueAt)}`} className={`whitespace-nowrap ${tone}`} data-sla={sla.breached ? 'breached' : 'ok'}>
      {sla.breached ? (
        <svg aria-hidden="true" viewBox="0 0 20 20" className="mr-1 inline size-4 align-[-3px]" fill="currentColor">
          <path d="M10 2 1 18h18L10 2Zm-1 6h2v5H9V8Zm0 6h2v2H9v-2Z" />
        </svg>
      ) : null}
      {sla.text}
    </time>
  );
}
