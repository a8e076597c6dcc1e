'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { formatUtc } from '@/components/ui/format';
import { ALGORITHM_NAMES, type HashListRow, type StaffActionResult } from './types';

const cell = 'px-3 py-2 align-top';

/** Every list with its counts per algorithm, PDQ distance and last import; active lists can be retired (after a confirmation). */
export function HashListsTable({ lists, retire }: { lists: HashListRow[]; retire: (input: { name: string; expectedGeneration: number }) => Promise<StaffActionResult<unknown>> }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function confirmRetire(list: HashListRow) {
    startTransition(async () => {
      const result = await retire({ name: list.name, expectedGeneration: list.generation });
      setConfirming(null);
      setStatus(result.ok ? { tone: 'ok', text: `Retired ${list.displayName}; it no longer matches.` } : { tone: 'error', text: result.error.message });
      if (result.ok) router.refresh();
    });
  }

  return (
    <section aria-labelledby="hash-lists-title">
      <h2 id="hash-lists-title" className="text-lg font-bold">
        Lists
      </h2>
      <div role="status" aria-live="polite" className="min-h-6 pt-1 text-sm font-semibold">
        {status ? <span className={status.tone === 'ok' ? 'text-green-800 dark:text-green-300' : 'text-red-700 dark:text-red-300'}>{status.text}</span> : null}
      </div>
      {lists.length === 0 ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">No hash lists yet. Import one below or with npm run hashlist:import.</p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <tr>
                {['Name', 'Source', 'Category', 'Status', 'Entries', 'PDQ distance', 'Last import', ''].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {h || <span className="sr-only">Actions</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <tr key={list.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid={`hash-list-${list.name}`}>
                  <th scope="row" className={`${cell} font-semibold`}>
                    {list.displayName}
                  </th>
                  <td className={cell}>{list.source}</td>
                  <td className={cell}>{list.category.replaceAll('_', ' ')}</td>
                  <td className={cell}>{list.status === 'active' ? 'Active' : `Retired${list.retiredAt ? ` ${formatUtc(new Date(list.retiredAt))}` : ''}`}</td>
                  <td className={cell}>
                    <span className="font-semibold">{list.entryCount.toLocaleString('en')}</span>
                    {Object.keys(list.algorithmCounts).length > 0 ? (
                      <ul className="text-slate-600 dark:text-slate-400">
                        {Object.entries(list.algorithmCounts).map(([alg, n]) => (
                          <li key={alg}>
                            {ALGORITHM_NAMES[alg as keyof typeof ALGORITHM_NAMES] ?? alg}: {n.toLocaleString('en')}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td className={cell}>{list.pdqMaxDistance}</td>
                  <td className={cell}>{list.lastImportAt ? <time dateTime={list.lastImportAt}>{formatUtc(new Date(list.lastImportAt))}</time> : '—'}</td>
                  <td className={cell}>
                    {list.status !== 'active' ? null : confirming === list.id ? (
                      <span className="flex flex-wrap items-center gap-2">
                        <span>Retire {list.displayName}? Its entries are removed and it stops matching.</span>
                        <button type="button" disabled={pending} onClick={() => confirmRetire(list)} className="rounded-md bg-red-700 px-3 py-1.5 font-semibold text-white hover:bg-red-800 disabled:opacity-70">
                          Yes, retire
                        </button>
                        <button type="button" onClick={() => setConfirming(null)} className="rounded-md border border-slate-400 px-3 py-1.5 font-semibold">
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" onClick={() => setConfirming(list.id)} className="rounded-md border border-red-700 px-3 py-1.5 font-semibold text-red-800 hover:bg-red-50 dark:border-red-400 dark:text-red-300 dark:hover:bg-red-950">
                        Retire<span className="sr-only"> {list.displayName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
