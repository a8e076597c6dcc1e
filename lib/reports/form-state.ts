/** What the report form's server action returns when it does not redirect to the receipt. */
export type ReportFormState = {
  status: 'idle' | 'invalid' | 'error';
  /** Field name (REPORT_FORM_FIELDS) → messages. */
  fieldErrors: Record<string, string[]>;
  /** A message about the whole form (rate limit, server trouble). */
  formError?: string;
  /** What the person typed, so nothing is lost when the page re-renders without JavaScript. */
  values: Record<string, string>;
};

export const INITIAL_REPORT_FORM_STATE: ReportFormState = { status: 'idle', fieldErrors: {}, values: {} };
