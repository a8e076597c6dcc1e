'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action';
import type { NetworkAccountResult } from '@/lib/networks/respond-to-network';
import type { TNetworkResponseFormInput } from '@/lib/networks/schema';
import type { NetworkRowDTO } from '@/lib/networks/view-network';
import { FieldError, NoteField, ReasonField, SuspensionEndField } from './action-fields';
import { NetworkTable } from './network-table';

export type RespondToNetwork = (input: TNetworkResponseFormInput) => Promise<ActionResult<{ results: NetworkAccountResult[] }>>;

const MEASURES = [
  { value: 'suspend', label: 'Suspend' },
  { value: 'preserve', label: 'Preserve data (pending-referral hold)' },
  { value: 'refer', label: 'Draft the referrals each case requires' },
] as const;
const OUTCOME = { done: 'Done', partly: 'Partly done', refused: 'Refused' } as const;
const STEP = { done: 'done', skipped: 'skipped', refused: 'refused' } as const;

/**
 * A supervisor selects accounts in the network table and applies one response to all of them.
 * The server decides each account on its own (lib/networks/respond-to-network.ts) and the result
 * list says, per account, what happened or why it was refused.
 */
export function NetworkResponseForm({ caseId, rows, respond }: { caseId: string; rows: NetworkRowDTO[]; respond: RespondToNetwork }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<{ message: string; fieldErrors: Record<string, string[]> } | null>(null);
  const [results, setResults] = useState<NetworkAccountResult[] | null>(null);
  const formId = 'network-response';

  const submit = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const selected = new Set(data.getAll('account').map(String));
    const targets = rows.filter((r) => selected.has(r.accountId) && r.openCase).map((r) => ({ accountId: r.accountId, caseId: r.openCase!.id, expectedVersion: r.openCase!.version }));
    const input = {
      caseId,
      measures: data.getAll('measure').map(String),
      enforcement: String(data.get('duration') ?? 'permanent'),
      until: String(data.get('until') ?? '') || null,
      reasonCode: String(data.get('reasonCode') ?? ''),
      note: String(data.get('note') ?? ''),
      targets,
    } as TNetworkResponseFormInput;
    startTransition(async () => {
      const result = await respond(input);
      if (!result.ok) {
        setProblem({ message: result.error.message, fieldErrors: result.error.fieldErrors ?? {} });
        return;
      }
      setProblem(null);
      setResults(result.data.results);
      router.refresh();
    });
  };

  const errors = problem?.fieldErrors ?? {};
  return (
    <form
      id={formId}
      aria-label="Respond to selected accounts"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
      className="space-y-3"
    >
      <NetworkTable rows={rows} selectable />
      <FieldError id={`${formId}-targets-error`} messages={errors.targets} />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
        <legend className="px-1 text-sm font-semibold">Respond to the selected accounts (supervisors)</legend>
        <fieldset>
          <legend className="text-sm font-semibold">Measures</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-sm">
            {MEASURES.map((m) => (
              <label key={m.value} className="flex items-center gap-2">
                <input type="checkbox" name="measure" value={m.value} className="size-4" />
                {m.label}
              </label>
            ))}
          </div>
          <FieldError id={`${formId}-measures-error`} messages={errors.measures} />
        </fieldset>
        <SuspensionEndField formId={formId} errors={errors.until} />
        <ReasonField formId={formId} list="suspend" errors={errors.reasonCode} optional />
        <NoteField formId={formId} name="note" label="Note on each case" required={false} errors={errors.note} />
        {problem ? (
          <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
            {problem.message}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className="rounded-md bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-900 disabled:opacity-60 dark:bg-sky-600">
          {pending ? 'Applying…' : 'Apply to selected accounts'}
        </button>
      </fieldset>
      <div role="status" aria-live="polite">
        {results ? (
          <ul aria-label="Network response results" className="space-y-2 text-sm">
            {results.map((r) => (
              <li key={r.accountId} data-outcome={r.outcome} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
                <span className="font-medium break-all" data-outside-text>
                  {r.label}
                </span>
                {r.caseNumber ? ` (case #${r.caseNumber})` : ''}: {OUTCOME[r.outcome]}
                <ul className="mt-1 list-disc pl-5">
                  {r.steps.map((s) => (
                    <li key={s.measure}>
                      {MEASURES.find((m) => m.value === s.measure)!.label} — {STEP[s.result]}: {s.message}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}
