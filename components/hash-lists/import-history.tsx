import { formatUtc } from '@/components/ui/format';
import type { HashListImportRow } from './types';

const cell = 'px-3 py-2';

/** The latest imports of every list: what came in, from which file, by whom (or the command line). */
export function HashListHistory({ imports }: { imports: HashListImportRow[] }) {
  return (
    <section aria-labelledby="hash-list-history-title">
      <h2 id="hash-list-history-title" className="text-lg font-bold">
        Import history
      </h2>
      {imports.length === 0 ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">Nothing imported yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <tr>
                {['When', 'List', 'Kind', 'File', 'Entries', 'Lines refused', 'By'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <td className={cell}>
                    <time dateTime={i.finishedAt}>{formatUtc(new Date(i.finishedAt))}</time>
                  </td>
                  <td className={cell}>{i.listName}</td>
                  <td className={cell}>{i.mode === 'create' ? 'Created' : 'Replaced'}</td>
                  <td className={`${cell} break-all`}>{i.fileName}</td>
                  <td className={cell}>{i.entriesAdded.toLocaleString('en')}</td>
                  <td className={cell}>{i.linesRejected.toLocaleString('en')}</td>
                  <td className={cell}>{i.importedBy ?? (i.via === 'cli' ? 'Command line' : '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
