import { CopyButton } from './copy-button';

/** A report reference, large and monospaced, easy to select, copy or write down. */
export function ReferenceBox({ reference }: { reference: string }) {
  return (
    <div className="rounded-xl border-2 border-blue-700 bg-white p-5 text-center sm:p-6 dark:border-sky-400 dark:bg-slate-900">
      <p id="reference-label" className="text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">
        Your reference
      </p>
      <p
        aria-labelledby="reference-label"
        data-testid="reference"
        className="mt-2 font-mono text-3xl font-bold tracking-wider break-all text-slate-950 select-all sm:text-4xl dark:text-white"
      >
        {reference}
      </p>
      <div className="mt-3 flex min-h-9 justify-center">
        <CopyButton text={reference} label="Copy reference" />
      </div>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Write it down or copy it somewhere safe. It is the only way to check on your report.
      </p>
    </div>
  );
}
