import { formatUtc } from '@/components/ui/format';
import type { ReportDTO } from '@/lib/cases/get-case-dto';
import { CATEGORY_INFO } from '@/lib/reports/categories';
import { COUNTRY_OPTIONS } from '@/lib/reports/countries';
import { CopyText } from './copy-text';
import { InertLink } from './inert-link';
import { Panel } from './panel';
import { OutsideText } from '@/components/ui/outside-text';

const COUNTRY_NAME = new Map(COUNTRY_OPTIONS.map((c) => [c.code, c.name]));

/**
 * Every report of the case, newest first. The description is the reporter's text rendered as text
 * (any markup in it shows as characters); content links are defanged and never opened.
 */
export function ReportsList({ reports, total, truncated, showsContacts }: { reports: ReportDTO[]; total: number; truncated: boolean; showsContacts: boolean }) {
  return (
    <Panel id="reports" title={`Reports (${total})`}>
      {truncated ? (
        <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">Showing the {reports.length} most recent of {total} reports.</p>
      ) : null}
      <ol className="space-y-3">
        {reports.map((report) => (
          <li key={report.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <article aria-labelledby={`report-${report.id}`}>
              <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
                <h3 id={`report-${report.id}`} className="font-mono font-semibold">
                  {report.reference}
                </h3>
                <span>{CATEGORY_INFO[report.category].shortLabel}</span>
                <time dateTime={report.receivedAt.toISOString()} className="text-slate-700 dark:text-slate-300">
                  {formatUtc(report.receivedAt)}
                </time>
                <span className="text-slate-700 dark:text-slate-300">
                  Reporter country: {report.reporterCountry ? (COUNTRY_NAME.get(report.reporterCountry) ?? report.reporterCountry) : 'not given'}
                </span>
                <span className="text-slate-600 dark:text-slate-400">via {report.channel === 'api' ? 'platform API' : 'web form'}</span>
                {report.dangerNow ? <span className="font-semibold text-red-800 dark:text-red-300">Child in danger now</span> : null}
              </header>
              {report.description ? (
                <p className="mt-2 text-sm break-words whitespace-pre-wrap">
                  <OutsideText text={report.description} />
                </p>
              ) : (
                <p className="mt-2 text-sm text-slate-600 italic dark:text-slate-400">No description.</p>
              )}
              {report.contentUrls.length > 0 ? (
                <div className="mt-2">
                  <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Content links (not opened)</h4>
                  <ul className="mt-1 space-y-1">
                    {report.contentUrls.map((url, i) => (
                      <li key={`${i}:${url}`}>
                        <InertLink url={url} label={`Copy original link ${i + 1} of report ${report.reference}`} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {report.mediaHashes.length > 0 ? (
                <div className="mt-2">
                  <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Media hashes</h4>
                  <ul className="mt-1 font-mono text-xs break-all">
                    {report.mediaHashes.map((hash) => (
                      <li key={hash}>
                        <OutsideText text={hash} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {showsContacts ? (
                <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold">Reporter e-mail:</span>
                  {report.contactEmail ? (
                    <>
                      <OutsideText text={report.contactEmail} className="break-all" />
                      <CopyText text={report.contactEmail} label={`Copy reporter e-mail of ${report.reference}`} />
                    </>
                  ) : (
                    <span className="text-slate-600 dark:text-slate-400">not given</span>
                  )}
                </p>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
