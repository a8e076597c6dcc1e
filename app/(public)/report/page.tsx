import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { ReportForm } from '@/components/report/report-form';
import { getConfig } from '@/lib/config';
import { CATEGORY_INFO, HARM_CATEGORIES } from '@/lib/reports/categories';
import { COUNTRY_OPTIONS } from '@/lib/reports/countries';
import { CONTENT_URL_MAX_LENGTH, CONTENT_URLS_MAX, DESCRIPTION_MAX } from '@/lib/reports/schema';
import { submitReport } from './actions';

export const metadata: Metadata = { title: 'Report an account' };

const CATEGORY_OPTIONS = HARM_CATEGORIES.map((value) => ({ value, label: CATEGORY_INFO[value].label }));

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReportPage({ searchParams }: Props) {
  const { account } = await searchParams;
  // `/report?account=@name` (e.g. from a "Report" button on a profile) fills in the account box.
  const initialAccount = (Array.isArray(account) ? account[0] : account)?.trim().slice(0, CONTENT_URL_MAX_LENGTH) ?? '';
  const { PLATFORM_NAME } = getConfig();

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight text-balance sm:text-4xl">Report an account</h1>
        <p className="max-w-prose text-lg text-slate-700 dark:text-slate-300">
          Tell us about an account on {PLATFORM_NAME} that is sharing sexual images of children, or trying to groom,
          exploit or harm a child. You don’t need to give your name, and it only takes a few minutes.
        </p>
      </div>
      <ReportForm
        submitReport={submitReport}
        submissionId={randomUUID()}
        initialAccount={initialAccount}
        categories={CATEGORY_OPTIONS}
        countries={COUNTRY_OPTIONS}
        limits={{ descriptionMax: DESCRIPTION_MAX, linksMax: CONTENT_URLS_MAX }}
      />
    </div>
  );
}
