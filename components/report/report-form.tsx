'use client';

import { useActionState, useState } from 'react';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { REPORT_FORM_FIELDS } from '@/lib/reports/form-data';
import { INITIAL_REPORT_FORM_STATE, type ReportFormState } from '@/lib/reports/form-state';
import { AccountFields } from './account-fields';
import { categoryOptionId, CategoryFieldset, type CategoryOption } from './category-fieldset';
import { ContactFields, type CountryOption } from './contact-fields';
import { DangerNow } from './danger-now';
import { DescriptionField } from './description-field';
import { LinksField } from './links-field';
import { SafetyNotice } from './safety-notice';

export type ReportFormProps = {
  /** The server action (app/(public)/report/actions.ts), passed in so components never import app code. */
  submitReport: (previous: ReportFormState, form: FormData) => Promise<ReportFormState>;
  /** Rendered per page view; makes a double submit file one report. */
  submissionId: string;
  /** From `/report?account=…`. */
  initialAccount: string;
  categories: readonly CategoryOption[];
  countries: readonly CountryOption[];
  limits: { descriptionMax: number; linksMax: number };
};

const F = REPORT_FORM_FIELDS;
const FIELD_ORDER: readonly string[] = [F.account, F.accountId, F.category, F.dangerNow, F.description, F.contentUrls, F.email, F.country];

/**
 * The public report form. It posts to the server action, so it works before (or without) JavaScript;
 * with JavaScript the same action runs without a page load. Either way the reply re-renders what the
 * person typed, with the problems listed at the top.
 */
export function ReportForm({ submitReport, submissionId, initialAccount, categories, countries, limits }: ReportFormProps) {
  const [state, formAction, pending] = useActionState(submitReport, INITIAL_REPORT_FORM_STATE);
  // A new key per reply remounts the fields, so each one shows what was sent (selects included).
  const attempt = useChangeCount(state);
  const value = (name: string) => state.values[name] ?? '';
  const errors = state.fieldErrors;
  const summary = summaryItems(state, categories[0]?.value);

  return (
    <div className="space-y-6">
      {summary ? <ErrorSummary key={`summary-${attempt}`} title={summary.title} items={summary.items} /> : null}
      <SafetyNotice />

      <form
        key={`form-${attempt}`}
        action={formAction}
        noValidate
        aria-label="Report an account"
        className="space-y-8 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900"
      >
        <input type="hidden" name="submissionId" value={state.values.submissionId ?? submissionId} />

        <AccountFields
          account={state.values[F.account] ?? initialAccount}
          accountId={value(F.accountId)}
          errors={{ account: errors[F.account], accountId: errors[F.accountId] }}
        />
        <CategoryFieldset options={categories} selected={value(F.category)} errors={errors[F.category]} />
        <DangerNow checked={state.values[F.dangerNow] !== undefined} />
        <DescriptionField defaultValue={value(F.description)} max={limits.descriptionMax} errors={errors[F.description]} />
        <LinksField defaultValue={value(F.contentUrls)} max={limits.linksMax} errors={errors[F.contentUrls]} />
        <ContactFields
          email={value(F.email)}
          country={value(F.country)}
          countries={countries}
          errors={{ email: errors[F.email], country: errors[F.country] }}
        />

        <div className="border-t border-slate-200 pt-6 dark:border-slate-800">
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded-md bg-blue-700 px-6 py-3 text-lg font-semibold text-white shadow-sm hover:bg-blue-800 disabled:cursor-wait disabled:opacity-70 sm:w-auto dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200"
          >
            {pending ? 'Sending your report…' : 'Send report'}
          </button>
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            A trained team reviews every report. You will get a reference number to check its progress.
          </p>
        </div>
      </form>
    </div>
  );
}

function summaryItems(state: ReportFormState, firstCategory: string | undefined) {
  const names = Object.keys(state.fieldErrors).sort((a, b) => rank(a) - rank(b));
  const items: ErrorSummaryItem[] = names.flatMap((name) =>
    [...new Set(state.fieldErrors[name])].map((message) => ({ message, target: targetFor(name, firstCategory) })),
  );
  if (state.formError) items.unshift({ message: state.formError });
  if (items.length === 0) return null;
  return { title: state.formError ? 'Your report has not been sent' : 'Please check your report', items };
}

const rank = (name: string) => {
  const i = FIELD_ORDER.indexOf(name);
  return i === -1 ? FIELD_ORDER.length : i;
};

/** Only our own field ids become link targets; anything else is listed as plain text. */
function targetFor(name: string, firstCategory: string | undefined): string | undefined {
  if (name === F.category) return firstCategory ? categoryOptionId(firstCategory) : undefined;
  return FIELD_ORDER.includes(name) ? name : undefined;
}

/** Counts how often `value` has changed identity: each action reply is a new object. */
function useChangeCount<T>(value: T): number {
  const [seen, setSeen] = useState({ value, count: 0 });
  if (seen.value !== value) {
    const next = { value, count: seen.count + 1 };
    setSeen(next);
    return next.count;
  }
  return seen.count;
}
