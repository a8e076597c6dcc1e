import { formatUtc } from '@/components/ui/format';
import type { ApprovalDTO, TimelineEntryDTO } from '@/lib/cases/get-case-dto';
import type { ActionType } from '@/lib/cases/get-case-dto';
import { Panel } from './panel';
import { OutsideText } from '@/components/ui/outside-text';

const ACTION_LABEL: Record<ActionType, string> = {
  claim: 'Claimed',
  release: 'Released',
  assign: 'Reassigned',
  suspend: 'Suspended the account',
  preservation_hold: 'Preservation hold',
  dismiss: 'Dismissed',
  escalate: 'Escalated',
  reinstate: 'Reinstated the account',
  note: 'Note',
  reopen: 'Reopened',
  waive: 'Waived an obligation',
  close: 'Closed: every obligation met or waived',
  stand_down: 'Stand-down (child in danger now)',
};

const APPROVAL_KIND = {
  preservation_hold: 'Preservation hold',
  reinstatement: 'Reinstatement',
  referral: 'Referral',
  stand_down: 'Stand-down (danger now, no enforcement)',
  hold_release: 'Early release of a preservation hold',
} as const;

/** Actions and notes, oldest first; notes are internal and shown as the author wrote them (text). */
export function Timeline({ entries, approvals }: { entries: TimelineEntryDTO[]; approvals: ApprovalDTO[] }) {
  return (
    <Panel id="timeline" title="Timeline">
      {approvals.length > 0 ? (
        <ul className="mb-3 space-y-1 text-sm" aria-label="Approval requests">
          {approvals.map((a) => (
            <li key={a.id} className="rounded border border-amber-300 bg-amber-50 px-2 py-1 dark:border-amber-700 dark:bg-amber-950/30">
              <span className="font-medium">{APPROVAL_KIND[a.kind]} request</span> by {a.requestedBy.name} ({formatUtc(a.requestedAt)}):{' '}
              <span className="font-semibold">{a.status}</span>
              {a.decidedBy ? ` by ${a.decidedBy.name}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No actions or notes yet.</p>
      ) : (
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
          {entries.map((entry) => (
            <li key={`${entry.kind}:${entry.id}`} className="text-sm">
              <p>
                <span className="font-semibold">{entry.kind === 'note' ? 'Note' : ACTION_LABEL[entry.type]}</span>
                {' · '}
                <span>{entry.actor?.name ?? 'System'}</span>
                {' · '}
                <time dateTime={entry.at.toISOString()} className="text-slate-600 dark:text-slate-400">
                  {formatUtc(entry.at)}
                </time>
              </p>
              {entry.kind === 'action' && entry.reasonLabel ? <p className="text-slate-700 dark:text-slate-300">Reason: {entry.reasonLabel}</p> : null}
              {entry.kind === 'action'
                ? entry.details.map((d) => (
                    <p key={d.label} className="text-slate-700 dark:text-slate-300">
                      {d.label}: <OutsideText text={d.value} />
                    </p>
                  ))
                : null}
              {entry.kind === 'note' ? <p className="mt-1 break-words whitespace-pre-wrap"><OutsideText text={entry.body} /></p> : null}
              {entry.kind === 'action' && entry.note ? <p className="mt-1 break-words whitespace-pre-wrap"><OutsideText text={entry.note} /></p> : null}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
