'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { NextCaseMessage, useNextCase, type ClaimNext } from '@/components/queue/next-case';
import { ShortcutHelp } from '@/components/ui/shortcut-help';
import { useShortcuts } from '@/components/ui/use-shortcuts';
import type { ActionResult } from '@/lib/auth/action';
import type { StaffRole } from '@/lib/auth/roles';
import type { TCaseActionFormInput } from '@/lib/cases/schema';
import type { CaseStatus } from '@/lib/cases/get-case-dto';
import { ActionForm, checkPayload, type ActionPayload, type FormContext, type FormProblem } from './action-form';
import { CASE_SHORTCUTS, offeredActions, UI_ACTIONS, type CaseFacts, type UiAction } from './action-kinds';
import { TakeCaseButton, type TakeThisCase } from './take-case-button';

type Change = { caseId: string; status: CaseStatus; version: number };

export type CaseActions = {
  take: (input: { caseId: string; expectedVersion: number; input: TCaseActionFormInput }) => Promise<ActionResult<Change>>;
  release: (input: { caseId: string; expectedVersion: number; reasonCode?: string }) => Promise<ActionResult<Change>>;
  claimNext: ClaimNext;
  takeThis: TakeThisCase;
};

/**
 * The decisions a staff member can take on this case, as buttons that open one form at a time, with
 * shortcuts (r, s, d, e, m, n, ?, Ctrl/Cmd+Enter). Every submission carries the version the page was
 * rendered from; a conflict says so plainly and offers a reload, never overwriting silently.
 */
export function ActionsPanel({
  caseId,
  version,
  status,
  role,
  isHolder,
  takeable,
  facts,
  formContext,
  actions,
}: {
  caseId: string;
  version: number;
  status: CaseStatus;
  role: StaffRole;
  isHolder: boolean;
  /** Nobody holds the case (open, or in review under a lapsed lease): "Take this case" is offered. */
  takeable: boolean;
  facts: CaseFacts;
  formContext: FormContext;
  actions: CaseActions;
}) {
  const router = useRouter();
  const offered = offeredActions(status, role, isHolder, facts);
  const [open, setOpen] = useState<UiAction | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState<string>('');
  const [helpOpen, setHelpOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const { next, pending: claiming, message } = useNextCase(actions.claimNext);

  const openForm = useCallback(
    (kind: UiAction) => {
      if (!offered.includes(kind)) return;
      setProblem(null);
      setOpen(kind);
    },
    [offered],
  );

  useEffect(() => {
    if (open) formRef.current?.querySelector<HTMLElement>('[data-first-field]')?.focus();
  }, [open]);

  useShortcuts({
    n: next,
    r: () => openForm('respond'),
    s: () => openForm('suspend'),
    d: () => openForm('dismiss'),
    e: () => openForm('escalate'),
    m: () => openForm('note'),
    '?': () => setHelpOpen(true),
    'mod+enter': () => formRef.current?.requestSubmit(),
  });

  const submit = (payload: ActionPayload, submitAndNext: boolean) => {
    const kind = open;
    if (!kind) return;
    const fieldErrors = checkPayload(payload);
    if (fieldErrors) {
      setProblem({ code: 'invalid_input', message: 'Check the highlighted fields.', fieldErrors });
      return;
    }
    startTransition(async () => {
      const result =
        payload.kind === 'take'
          ? await actions.take({ caseId, expectedVersion: version, input: payload.input })
          : await actions.release({ caseId, expectedVersion: version, reasonCode: payload.reasonCode });
      if (!result.ok) {
        const fields: Record<string, string[]> = {};
        for (const [path, messages] of Object.entries(result.error.fieldErrors ?? {})) fields[path.replace(/^input\./, '')] = messages;
        setProblem({ code: result.error.code, message: conflictText(result.error.code, result.error.message), fieldErrors: fields });
        return;
      }
      setOpen(null);
      setProblem(null);
      setDone(outcomeText(kind, result.data));
      if (submitAndNext) next();
      else router.refresh();
    });
  };

  return (
    <section aria-labelledby="actions-title" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="actions-title" className="text-base font-semibold">
          Actions
        </h2>
        <div className="flex items-center gap-2">
          <button type="button" onClick={next} disabled={claiming} aria-keyshortcuts="n" className="rounded-md border border-slate-400 px-2 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
            {claiming ? 'Claiming…' : 'Next case'} <kbd className="font-mono text-xs">n</kbd>
          </button>
          <button type="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?" className="rounded-md px-2 py-1 text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
            Shortcuts <kbd className="font-mono text-xs">?</kbd>
          </button>
        </div>
      </div>
      <NextCaseMessage message={message} />
      <p role="status" className="text-sm text-green-800 dark:text-green-300">
        {done}
      </p>
      {takeable ? <TakeCaseButton caseId={caseId} take={actions.takeThis} lapsed={status === 'in_review'} /> : null}
      {!takeable && (offered.length === 0 || (offered.length === 1 && offered[0] === 'note')) ? (
        <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">{explainLimited(status, isHolder)}</p>
      ) : null}
      <div className="flex flex-wrap gap-2" role="group" aria-label="Choose an action">
        {offered.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-expanded={open === kind}
            aria-controls={open === kind ? `action-${kind}` : undefined}
            aria-keyshortcuts={UI_ACTIONS[kind].shortcut}
            onClick={() => (open === kind ? setOpen(null) : openForm(kind))}
            className={`rounded-md border px-3 py-1.5 text-sm font-medium ${open === kind ? 'border-blue-700 bg-blue-50 dark:border-sky-400 dark:bg-sky-950/40' : 'border-slate-400 hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800'}`}
          >
            {UI_ACTIONS[kind].label}
            {UI_ACTIONS[kind].shortcut ? <kbd className="ml-2 font-mono text-xs text-slate-600 dark:text-slate-400">{UI_ACTIONS[kind].shortcut}</kbd> : null}
          </button>
        ))}
      </div>
      {open ? (
        <div className="mt-3">
          <ActionForm key={open} kind={open} pending={pending} problem={problem} formRef={formRef} context={formContext} onSubmit={submit} onCancel={() => setOpen(null)} />
        </div>
      ) : null}
      <ShortcutHelp shortcuts={CASE_SHORTCUTS} open={helpOpen} onClose={() => setHelpOpen(false)} />
    </section>
  );
}

/** What happened, in words: a stand-down waiting for a supervisor, referrals that could not be drafted. */
function outcomeText(kind: UiAction, change: Change & { referrals?: { hotline: string; notPrepared: string | null }[] }): string {
  if (kind === 'dismiss' && change.status === 'awaiting_approval') return 'Sent to a supervisor: a child may be in danger now, so dismissing needs their agreement.';
  const missing = (change.referrals ?? []).filter((r) => r.notPrepared);
  const base = `${UI_ACTIONS[kind].label}: done.${change.status === 'responding' ? ' The case is responding until its obligations are met.' : ''}`;
  return missing.length ? `${base} Not drafted: ${missing.map((r) => `${r.hotline} (${r.notPrepared})`).join('; ')}` : base;
}

function conflictText(code: string, message: string): string {
  if (code !== 'conflict') return message;
  const lead = 'This case changed since you opened it — reload to see the latest.';
  return message.startsWith('This case changed since you opened it') ? lead : `${lead} ${message}`;
}

function explainLimited(status: CaseStatus, isHolder: boolean): string {
  if (status === 'in_review' && !isHolder) return 'Someone else holds this case. You can add a note; decisions are theirs (or a supervisor’s).';
  if (status === 'escalated') return 'This case is escalated and waits for a supervisor.';
  if (status === 'awaiting_approval') return 'This case waits for a second person’s approval.';
  if (status === 'responding') return 'This case is responding: its obligations are listed below.';
  return 'This case is closed.';
}
