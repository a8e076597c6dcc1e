export type StatusView = { reference: string; label: string; explanation: string; receivedOn: string };

/** The coarse status of one report: the status and the day it arrived, nothing more. */
export function StatusResult({ view }: { view: StatusView }) {
  return (
    <section
      aria-labelledby="status-title"
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="status-title" className="text-sm font-semibold text-slate-700 dark:text-slate-300">
        Report <span className="font-mono text-base break-all text-slate-900 dark:text-white">{view.reference}</span>
      </h2>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">Status</dt>
          <dd className="mt-1 text-2xl font-bold" data-testid="report-status">
            {view.label}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">Received</dt>
          <dd className="mt-1 text-lg font-semibold">{view.receivedOn}</dd>
        </div>
      </dl>
      <p className="mt-4 text-slate-700 dark:text-slate-300">{view.explanation}</p>
    </section>
  );
}
