import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/**
 * CSV for spreadsheets, safe against formula injection (OWASP "CSV injection"): a cell that starts
 * with = + - @, a tab or a carriage return (or their full-width forms, which some spreadsheets also
 * evaluate) is prefixed with a single quote, so Excel, LibreOffice and Sheets show it as text
 * instead of running it. Quoting and escaping of commas, quotes and newlines is csv-stringify's.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_name',
  'event',
  'case_id',
  'case_number',
  'entity_type',
  'entity_id',
  'request_id',
  'sealed',
  'summary',
  'payload',
] as const;

export type AuditCsvRow = Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number | boolean | Date | null>;

/**
 * Streams rows as CSV (header first). Every value is stringified and escaped here, so a number or
 * date can never slip past the formula check; backpressure comes from the stream pipeline.
 */
export function csvStream(rows: AsyncIterable<AuditCsvRow> | Iterable<AuditCsvRow>): Readable {
  const stringifier = stringify({
    header: true,
    columns: [...AUDIT_CSV_COLUMNS],
    record_delimiter: 'windows',
    cast: {
      string: escapeFormula,
      number: (n) => escapeFormula(String(n)),
      bigint: (n) => escapeFormula(String(n)),
      boolean: (b) => (b ? 'true' : 'false'),
      date: (d) => d.toISOString(),
    },
  });
  return Readable.from(rows).pipe(stringifier);
}
