'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { formatUtc } from '@/components/ui/format';
import type { StaffActionResult, StaffRole, StaffRow } from './types';

type Actions = {
  disable: (input: { staffId: string }) => Promise<StaffActionResult<unknown>>;
  enable: (input: { staffId: string }) => Promise<StaffActionResult<unknown>>;
  changeRole: (input: { staffId: string; role: StaffRole }) => Promise<StaffActionResult<unknown>>;
};

/** Every staff account with its state, and the admin's controls for each (none that would lock the admin out). */
export function StaffTable({
  staff,
  selfId,
  roles,
  actions,
}: {
  staff: StaffRow[];
  selfId: string;
  roles: readonly StaffRole[];
  actions: Actions;
}) {
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function run(label: string, call: () => Promise<StaffActionResult<unknown>>) {
    startTransition(async () => {
      const result = await call();
      setStatus(result.ok ? { tone: 'ok', text: label } : { tone: 'error', text: result.error.message });
      if (result.ok) router.refresh();
    });
  }

  return (
    <section aria-labelledby="staff-list-title">
      <h2 id="staff-list-title" className="text-lg font-bold">
        Accounts
      </h2>
      <div role="status" aria-live="polite" className="min-h-6 pt-1 text-sm font-semibold">
        {status ? (
          <span className={status.tone === 'ok' ? 'text-green-800 dark:text-green-300' : 'text-red-700 dark:text-red-300'}>
            {status.text}
          </span>
        ) : null}
      </div>
      <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">E-mail</th>
              <th scope="col" className="px-3 py-2 font-semibold">Name</th>
              <th scope="col" className="px-3 py-2 font-semibold">Role</th>
              <th scope="col" className="px-3 py-2 font-semibold">Two-step</th>
              <th scope="col" className="px-3 py-2 font-semibold">State</th>
              <th scope="col" className="px-3 py-2 font-semibold">Last sign-in</th>
              <th scope="col" className="px-3 py-2 font-semibold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.map((person) => {
              const self = person.id === selfId;
              return (
                <tr key={person.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <th scope="row" className="px-3 py-2 font-medium break-all">
                    {person.email}
                    {self ? <span className="ml-1 font-normal text-slate-600 dark:text-slate-400">(you)</span> : null}
                  </th>
                  <td className="px-3 py-2">{person.name}</td>
                  <td className="px-3 py-2">
                    {self ? (
                      <span className="capitalize">{person.role}</span>
                    ) : (
                      <label className="sr-only" htmlFor={`role-${person.id}`}>
                        Role of {person.email}
                      </label>
                    )}
                    {self ? null : (
                      <select
                        id={`role-${person.id}`}
                        value={person.role}
                        disabled={pending}
                        onChange={(e) => {
                          const role = e.target.value as StaffRole;
                          run(`${person.email} is now ${role}.`, () => actions.changeRole({ staffId: person.id, role }));
                        }}
                        className="rounded-md border border-slate-400 bg-white px-2 py-1 capitalize dark:border-slate-600 dark:bg-slate-950"
                      >
                        {roles.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td className="px-3 py-2">{person.twoFactorEnabled ? 'On' : 'Off'}</td>
                  <td className="px-3 py-2">{[person.disabled ? 'Disabled' : 'Active', person.locked ? 'locked' : null].filter(Boolean).join(', ')}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {person.lastSignInAt ? <time dateTime={person.lastSignInAt}>{formatUtc(new Date(person.lastSignInAt))}</time> : 'Never'}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {self ? null : (
                      <button
                        type="button"
                        disabled={pending}
                        onClick={() =>
                          person.disabled
                            ? run(`${person.email} can sign in again.`, () => actions.enable({ staffId: person.id }))
                            : run(`${person.email} is disabled and signed out.`, () => actions.disable({ staffId: person.id }))
                        }
                        className="rounded-md border border-slate-400 px-2.5 py-1 font-semibold hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
                      >
                        {person.disabled ? 'Enable' : 'Disable'}
                        <span className="sr-only"> {person.email}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
