'use client';

import { useEffect, useRef, type Ref } from 'react';
import { ZCaseActionInput, type TCaseActionFormInput } from '@/lib/cases/schema';
import { DurationDaysField, NoteField, ReasonField, SuspensionEndField, type FieldErrors } from './action-fields';
import { UI_ACTIONS, type UiAction } from './action-kinds';

export type ActionPayload = { kind: 'take'; input: TCaseActionFormInput } | { kind: 'release'; reasonCode?: string };

export type FormProblem = { code: string; message: string; fieldErrors?: FieldErrors };

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** The form's fields as the input lib/cases/schema.ts expects (validated again on the server). */
export function buildPayload(kind: UiAction, data: FormData): ActionPayload {
  const reasonCode = text(data, 'reasonCode') ?? '';
  const note = text(data, 'note');
  switch (kind) {
    case 'respond': {
      const enforcement = (text(data, 'enforcement') ?? 'permanent') as 'permanent' | 'until' | 'none';
      return { kind: 'take', input: { type: 'respond', enforcement, reasonCode: reasonCode as never, note, until: enforcement === 'until' ? (text(data, 'until') ?? '') : null } };
    }
    case 'record_preservation':
      return { kind: 'take', input: { type: 'record_preservation', note } };
    case 'suspend':
      return { kind: 'take', input: { type: 'suspend', reasonCode: reasonCode as never, note, until: text(data, 'duration') === 'until' ? (text(data, 'until') ?? '') : null } };
    case 'request_preservation_hold':
      return { kind: 'take', input: { type: 'request_preservation_hold', reasonCode: reasonCode as never, note: note ?? '', durationDays: text(data, 'durationDays') } };
    case 'dismiss':
    case 'escalate':
    case 'reinstate':
      return { kind: 'take', input: { type: kind, reasonCode: reasonCode as never, note: note ?? '' } as TCaseActionFormInput };
    case 'note':
      return { kind: 'take', input: { type: 'note', body: text(data, 'body') ?? '' } };
    case 'release':
      return { kind: 'release', reasonCode: reasonCode || undefined };
  }
}

/** Checks a payload with the shared schema before it is sent; field errors keyed by field name. */
export function checkPayload(payload: ActionPayload): FieldErrors | null {
  if (payload.kind !== 'take') return null;
  const parsed = ZCaseActionInput.safeParse(payload.input);
  if (parsed.success) return null;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

/**
 * One action's form. Problems are announced in an alert at the top (the conflict message first of
 * all); field errors sit under their fields. Ctrl/Cmd+Enter submits (wired by the actions panel).
 */
export function ActionForm({
  kind,
  pending,
  problem,
  formRef,
  context,
  onSubmit,
  onCancel,
}: {
  kind: UiAction;
  pending: boolean;
  problem: FormProblem | null;
  formRef: Ref<HTMLFormElement>;
  context: FormContext;
  onSubmit: (payload: ActionPayload, submitAndNext: boolean) => void;
  onCancel: () => void;
}) {
  const info = UI_ACTIONS[kind];
  const formId = `action-${kind}`;
  const errors = problem?.fieldErrors ?? {};
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);

  return (
    <form
      ref={formRef}
      id={formId}
      aria-labelledby={`${formId}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        onSubmit(buildPayload(kind, data), data.get('submitAndNext') === 'on');
      }}
      className="space-y-3 rounded-md border border-slate-300 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950/40"
    >
      <h3 id={`${formId}-title`} className="font-semibold">
        {info.label}
      </h3>
      {problem ? (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-400 dark:bg-red-950/50 dark:text-red-50">
          <p className="font-semibold">{problem.message}</p>
          {problem.code === 'conflict' ? (
            <button type="button" onClick={() => window.location.reload()} className="mt-2 rounded-md bg-red-800 px-3 py-1 text-sm font-semibold text-white dark:bg-red-300 dark:text-red-950">
              Reload the case
            </button>
          ) : null}
        </div>
      ) : null}
      <ActionExplainer kind={kind} context={context} />
      {kind === 'note' ? <NoteField formId={formId} name="body" label="Note (internal, never sent to the platform)" required errors={errors.body} first /> : null}
      {info.reasons ? <ReasonField formId={formId} list={info.reasons} errors={errors.reasonCode} optional={kind === 'release'} /> : null}
      {kind === 'suspend' ? <SuspensionEndField formId={formId} errors={errors.until} /> : null}
      {kind === 'respond' ? <SuspensionEndField formId={formId} errors={errors.until} withNone /> : null}
      {kind === 'request_preservation_hold' ? <DurationDaysField formId={formId} errors={errors.durationDays} /> : null}
      {kind === 'record_preservation' ? <NoteField formId={formId} name="note" label="Note" required={false} errors={errors.note} first /> : null}
      {kind !== 'note' && kind !== 'release' && kind !== 'record_preservation' ? (
        <NoteField
          formId={formId}
          name="note"
          label={kind === 'request_preservation_hold' ? 'Note for the approver' : kind === 'reinstate' ? 'Why reinstate' : 'Note'}
          required={kind === 'request_preservation_hold' || kind === 'reinstate'}
          errors={errors.note}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          className={`rounded-md px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60 ${info.tone === 'danger' ? 'bg-red-700 hover:bg-red-800 dark:bg-red-400 dark:text-red-950' : 'bg-blue-700 hover:bg-blue-800 dark:bg-sky-400 dark:text-slate-950'}`}
        >
          {pending ? 'Working…' : info.submitLabel}
          <span className="ml-2 text-xs font-normal opacity-80">Ctrl+Enter</span>
        </button>
        {info.handsOff ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="submitAndNext" className="size-4" />
            Submit and open the next case
          </label>
        ) : null}
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1.5 text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
          Cancel
        </button>
      </div>
    </form>
  );
}

/** What the form needs to say about this case before a decision. */
export type FormContext = { dangerNow: boolean; hotlines: string[] };

/** One paragraph on what submitting will do, where it is not obvious from the label. */
function ActionExplainer({ kind, context }: { kind: UiAction; context: FormContext }) {
  const line = (children: string) => <p className="text-sm text-slate-700 dark:text-slate-300">{children}</p>;
  switch (kind) {
    case 'respond':
      return line(
        `In one step: the enforcement you choose, the account's data preserved for one year, and a draft referral to ${
          context.hotlines.length ? context.hotlines.join(' and ') : 'every hotline the router requires'
        } for a supervisor's approval. The case stays open as "responding" until every obligation is met.`,
      );
    case 'record_preservation':
      return line('Asks the platform to preserve the account’s data for one year, until the hotline report (which is itself a one-year preservation request) is made. The account stays up.');
    case 'request_preservation_hold':
      return line('For a request from police or a hotline: a second person approves it before the hold starts.');
    case 'dismiss':
      return context.dangerNow
        ? line('A reporter said a child is in danger now: a supervisor other than you must agree before this case is dismissed. It stays at the top of the queue until then.')
        : null;
    default:
      return null;
  }
}
