import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, csvStream, escapeFormula, type AuditCsvRow } from '@/lib/audit/export-csv';

async function collect(stream: AsyncIterable<unknown>): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

const row = (overrides: Partial<AuditCsvRow>): AuditCsvRow => ({
  ...(Object.fromEntries(AUDIT_CSV_COLUMNS.map((c) => [c, null])) as AuditCsvRow),
  ...overrides,
});

describe('CSV formula-injection escaping', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+1+cmd|calc', `'+1+cmd|calc`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['＝1+1', `'＝1+1`],
  ])('prefixes %j with a quote', (input, expected) => {
    expect(escapeFormula(input)).toBe(expected);
  });

  it.each(['plain text', 'case.viewed', '2026-01-01T00:00:00.000Z', '', 'a=b', ' x'])('leaves %j alone', (input) => {
    expect(escapeFormula(input)).toBe(input);
  });

  it('escapes every column of a streamed file, numbers included, and keeps CSV quoting', async () => {
    const csv = await collect(
      csvStream([
        row({
          id: '7',
          occurred_at: new Date('2026-01-02T03:04:05.000Z'),
          actor_id: '=cmd',
          actor_name: '@evil',
          summary: 'Reason: "spam", then\nmore',
          case_number: -5,
          entity_id: '+1',
          sealed: true,
        }),
      ]),
    );
    const [header, ...rest] = csv.split('\r\n');
    expect(header).toBe(AUDIT_CSV_COLUMNS.join(','));
    const body = rest.join('\r\n');
    expect(body).toContain(`'=cmd`);
    expect(body).toContain(`'@evil`);
    expect(body).toContain(`'-5`);
    expect(body).toContain(`'+1`);
    expect(body).toContain('2026-01-02T03:04:05.000Z');
    expect(body).toContain('"Reason: ""spam"", then\nmore"');
    // No cell in the output starts with a formula character.
    for (const cell of body.split(',')) expect(cell).not.toMatch(/^"?[=+\-@]/);
  });
});
