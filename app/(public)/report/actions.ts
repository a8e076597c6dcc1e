'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { databaseUnavailableError, isDatabaseUnavailable, noteDatabaseDown, noteDatabaseUp } from '@/lib/db-outage';
import { AppError } from '@/lib/errors';
import { newRequestId } from '@/lib/http/respond';
import { acceptReport } from '@/lib/reports/accept-report';
import { formFieldErrors, reportInputFromForm } from '@/lib/reports/form-data';
import type { ReportFormState } from '@/lib/reports/form-state';
import { intakeSourceFor } from '@/lib/reports/intake-source';
import { safeParseReport } from '@/lib/reports/parse-report';
import { reportQuotaFor } from '@/lib/reports/rate-limit';
import { toFieldIssues } from '@/lib/reports/schema';

const SUBMISSION_ID = /^[0-9a-f-]{36}$/;

/** The public form's action: the same schema and intake as POST /api/v1/reports. */
export async function submitReport(_previous: ReportFormState, form: FormData): Promise<ReportFormState> {
  const values = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === 'string' && !k.startsWith('$')).map(([k, v]) => [k, String(v)]),
  );
  // The form is anyone's: the same parse as an API request without a key.
  const parsed = safeParseReport(reportInputFromForm(form), { platform: false });
  if (!parsed.success) return { status: 'invalid', fieldErrors: formFieldErrors(toFieldIssues(parsed.error)), values };

  const requestId = newRequestId();
  let reference: string;
  try {
    const source = intakeSourceFor(await headers(), parsed.data, { channel: 'web', requestId });
    // The id rendered into the form makes a double click or a resubmitted page file one report.
    const submissionId = String(form.get('submissionId') ?? '');
    const quota = reportQuotaFor(source.sourceHash);
    const idempotencyKey = SUBMISSION_ID.test(submissionId) ? submissionId : null;
    const accepted = await acceptReport(parsed.data, source, { idempotencyKey, quota }).catch((error: unknown) => {
      // Back, edit, send again: the page reused its submission ID for a changed report. That is a
      // new report, not a retry.
      if (error instanceof AppError && error.code === 'idempotency_key_reused') return acceptReport(parsed.data, source, { quota });
      throw error;
    });
    noteDatabaseUp();
    reference = accepted.reference;
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      noteDatabaseDown(error);
      return { status: 'error', fieldErrors: {}, formError: databaseUnavailableError().userMessage, values };
    }
    if (error instanceof AppError) return { status: 'error', fieldErrors: {}, formError: error.userMessage, values };
    console.error(`[${requestId}] report form failed`, error);
    return {
      status: 'error',
      fieldErrors: {},
      formError: `Something went wrong on our side and your report was not sent. Please try again. (Reference for support: ${requestId.slice(0, 8)})`,
      values,
    };
  }
  redirect(`/report/received/${reference}`);
}
