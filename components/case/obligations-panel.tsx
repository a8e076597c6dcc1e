'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { formatAgo, formatUtc } from '@/components/ui/format';
import type { ActionResult } from '@/lib/auth/action';
import type { TCaseActionFormInput } from '@/lib/cases/schema';
import { NOTE_MAX } from '@/lib/cases/schema';
import type { ObligationDTO } from '@/lib/response/get-case-obligations';
import { OutsideText } from '@/components/ui/outside-text';

type Take = (input: { caseId: string; expectedVersion: number; input: TCaseActionFormInput }) => Promise<ActionResult<unknown>>;

const STATE_TONE: Record<ObligationDTO['state'], string> = {
  outstanding: 'border-amber-600 text-amber-900 dark:border-amber-400 dark:text-amber-200',
  met: 'border-green-700 text-green-900 dark:border-green-400 dark:text-green-200',
  waived: 'border-slate-400 text-slate-700 dark:border-slate-500 dark:text-slate-300',
};

/**
 * What the case still owes before it can close, each with its state, age and progress. Supervisors
 * can waive an outstanding obligation with a reason; on a danger-now case whose stand-down was
 * refused, anyone may ask again. The server re-checks role, state and version.
 */
export function ObligationsPanel({
  caseId,
  version,
  obligations,
  canWaive,
  now,
  take,
}: {
  caseId: string;
  version: number;
  obligations: ObligationDTO[];
  canWaive: boolean;
  now: Date;
  take: Take;
}) {
  if (obligations.length === 0) return null;
  const outstanding = obligations.filter((o) => o.state === 'outstanding').length;
  return (
    <section aria-labelledby="obligations-title" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="obligations-title" className="text-base font-semibold">
        Obligations
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {outstanding > 0
          ? `${outstanding} outstanding: the case closes by itself when every obligation is met or waived.`
          : 'Every obligation is met or waived.'}
      </p>
      <ul className="mt-3 space-y-3" aria-label="Obligations of this case">
        {obligations.map((o) => (
          <li key={o.id} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-obligation={o.kind} data-state={o.state}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{o.label}</span>
              <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATE_TONE[o.state]}`}>{o.stateLabel}</span>
            </div>
            <p className="mt-1 text-slate-700 dark:text-slate-300">{o.progress}</p>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              Owed since {formatUtc(new Date(o.createdAt))} ({formatAgo(new Date(o.createdAt), now)})
              {o.settledAt ? ` · ${o.state === 'met' ? 'met' : 'waived'} ${formatUtc(new Date(o.settledAt))}` : ''}
              {o.waivedBy ? ` by ${o.waivedBy}` : ''}
            </p>
            {o.waiveReason ? <OutsideText text={`Waiver: ${o.waiveReason}`} className="mt-1 block text-xs" /> : null}
            {o.state === 'outstanding' && canWaive ? (
              <ReasonForm
                label="Waive"
                fieldLabel={`Why waive “${o.label}”`}
                id={`waive-${o.id}`}
                submit={(reason) => take({ caseId, expectedVersion: version, input: { type: 'waive_obligation', obligationId: o.id, reason } })}
              />
            ) : null}
            {o.canAskAgain ? (
              <ReasonForm
                label="Ask a supervisor again"
                fieldLabel="Note for the supervisor"
                id={`stand-down-${o.id}`}
                submit={(note) => take({ caseId, expectedVersion: version, input: { type: 'request_stand_down', note } })}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReasonForm({ label, fieldLabel, id, submit }: { label: string; fieldLabel: string; id: string; submit: (reason: string) => Promise<ActionResult<unknown>> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState('');
  const [pending, startTransition] = useTransition();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="mt-2 rounded-md border border-slate-400 px-2 py-1 text-xs font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
        {label}…
      </button>
    );
  }
  return (
    <form
      className="mt-2 space-y-2"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
        if (!reason) {
          setProblem('Give a reason.');
          return;
        }
        startTransition(async () => {
          const result = await submit(reason);
          if (result.ok) router.refresh();
          else setProblem(result.error.fieldErrors ? Object.values(result.error.fieldErrors).flat().join(' ') || result.error.message : result.error.message);
        });
      }}
    >
      <label htmlFor={id} className="block text-xs font-semibold">
        {fieldLabel}
      </label>
      <textarea id={id} name="reason" rows={2} maxLength={NOTE_MAX} required aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined} className="w-full rounded-md border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950" />
      <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-800 empty:hidden dark:text-red-300">
        {problem}
      </p>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-2 py-1 text-xs font-semibold text-white disabled:opacity-60 dark:bg-sky-400 dark:text-slate-950">
          {pending ? 'Working…' : label}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="px-2 py-1 text-xs underline-offset-2 hover:underline">
          Cancel
        </button>
      </div>
    </form>
  );
}
