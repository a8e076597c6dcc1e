'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/auth/action';

type Option = { id: string; name: string; role: string };
type Reason = { code: string; label: string };

export type ReassignAction = (input: {
  caseId: string;
  assigneeId: string;
  expectedVersion: number;
  reasonCode: string;
  note?: string;
}) => Promise<ActionResult<{ version: number }>>;

/** Supervisors hand a case to a named colleague, with a reason; the server re-checks the role. */
export function ReassignForm({
  caseId,
  version,
  staff,
  reasons,
  reassign,
}: {
  caseId: string;
  version: number;
  staff: Option[];
  reasons: Reason[];
  reassign: ReassignAction;
}) {
  const router = useRouter();
  const id = useId();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = (form: FormData) => {
    startTransition(async () => {
      const result = await reassign({
        caseId,
        expectedVersion: version,
        assigneeId: String(form.get('assigneeId') ?? ''),
        reasonCode: String(form.get('reasonCode') ?? ''),
        note: String(form.get('note') ?? '') || undefined,
      });
      if (result.ok) {
        setMessage({ ok: true, text: 'Reassigned.' });
        router.refresh();
      } else {
        const conflict = result.error.code === 'conflict';
        setMessage({ ok: false, text: conflict ? `${result.error.message} Reload the page.` : result.error.message });
      }
    });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Reassign (supervisors)
      </h2>
      <form action={onSubmit} className="mt-2 space-y-2 text-sm">
        <label className="block" htmlFor={`${id}-assignee`}>
          Give the case to
        </label>
        <select id={`${id}-assignee`} name="assigneeId" required className="w-full rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950">
          <option value="">Choose…</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.role})
            </option>
          ))}
        </select>
        <label className="block" htmlFor={`${id}-reason`}>
          Reason
        </label>
        <select id={`${id}-reason`} name="reasonCode" required className="w-full rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950">
          <option value="">Choose…</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <label className="block" htmlFor={`${id}-note`}>
          Note (optional)
        </label>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={5000} className="w-full rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950" />
        <button type="submit" disabled={pending} className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 disabled:opacity-60 dark:bg-sky-400 dark:text-slate-950 dark:hover:bg-sky-300">
          {pending ? 'Reassigning…' : 'Reassign'}
        </button>
        <p role="status" className={message?.ok ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}>
          {message?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
