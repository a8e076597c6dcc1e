import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { SummaryModel } from '@/lib/referrals/build-summary';
import { detectMedia } from '@/lib/referrals/media-sniff';
import { PACKET_CHECK_STEPS } from '@/lib/referrals/packet-check-steps';
import { pdfFonts, type PdfFontRole } from '@/lib/referrals/pdf-fonts';
import { PDF_REPORTS_MAX, selectPdfReports } from '@/lib/referrals/pdf-report-selection';
import { pdfkitText, toTextRuns } from '@/lib/referrals/pdf-text-runs';
import { renderSummaryHtml } from '@/lib/referrals/render-summary-html';
import { renderSummaryPdf } from '@/lib/referrals/render-summary-pdf';

const NOW = new Date('2026-02-01T00:00:00Z');
const WORLD = 'Привет, Καλημέρα, 你好世界, こんにちは, 안녕하세요 — “quoted”';
const ARABIC = 'مرحبا بالعالم';

type Report = SummaryModel['reports'][number];
const report = (i: number, over: Partial<Report> = {}): Report => ({
  reference: `TC-${String(i).padStart(4, '0')}-TEST`,
  receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  category: 'Grooming',
  dangerNow: false,
  description: `Report ${i}: asked a child for pictures.`,
  links: [`https://social.example/p/${i}`],
  hashes: [],
  ...over,
});
const model = (reports: Report[], handle = 'bad_actor'): SummaryModel => ({
  title: 'Referral to NCMEC: case 42',
  sections: [{ heading: 'Reported account', rows: [['Handle', handle], ['Display names', `${WORLD} ${ARABIC}`]] }],
  reports,
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

describe('summary.pdf text fidelity', () => {
  it('prints Latin, Cyrillic, Greek, CJK, Hangul and punctuation as written, with embedded fonts and no images', async () => {
    const bytes = await renderSummaryPdf(model([report(1, { description: `${WORLD} / ${ARABIC}` })]), NOW);
    const text = await pdfText(bytes);
    for (const word of ['Привет', 'Καλημέρα', '你好世界', 'こんにちは', '안녕하세요', '—', '“quoted”']) expect(text).toContain(word);
    // Arabic is drawn right to left, so text extraction returns it in visual order; each word is there.
    for (const word of ['مرحبا', 'بالعالم']) expect(text).toContain(word);
    expect(text).not.toContain('?');
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/Helvetica/);
    expect(detectMedia('summary.pdf', bytes)).toBeNull();
  });

  it('shows a character no font has as its code point, and bidi controls as visible markers', async () => {
    const text = await pdfText(await renderSummaryPdf(model([report(1, { description: 'unicorn 🦄 here' })], 'evil\u202Egpj.exe'), NOW));
    expect(text).toContain('unicorn ⟨U+1F984⟩ here');
    expect(text).toContain('evil⟨U+202E⟩gpj.exe');
    expect(text).not.toContain('\u202E');
  });

  it('splits text into runs by font and direction (pure, with a stand-in glyph table)', () => {
    const has = (role: PdfFontRole, cp: number) => (role === 'cjk' ? cp >= 0x3000 || cp === 0x20 : role === 'hangul' ? false : cp < 0x3000);
    expect(toTextRuns('ab 你好 cd', 'text', has)).toEqual([
      { role: 'text', text: 'ab ', rtl: false },
      { role: 'cjk', text: '你好 ', rtl: false },
      { role: 'text', text: 'cd', rtl: false },
    ]);
    expect(toTextRuns('x\u{1F984}\uFE0F', 'bold', (_r, cp) => cp < 0x10000)).toEqual([{ role: 'bold', text: 'x⟨U+1F984⟩', rtl: false }]);
    const runs = toTextRuns('hi مرحبا بالعالم 12', 'text', () => true);
    expect(runs.map((r) => [r.text, r.rtl])).toEqual([
      ['hi ', false],
      ['مرحبا بالعالم ', true],
      ['12', false],
    ]);
    // pdfkit lays out word by word: a right-to-left run goes in with its words reversed.
    expect(pdfkitText(runs[1]!)).toBe('بالعالم مرحبا ');
  });

  it('only uses the Hangul font for Hangul', () => {
    const fonts = pdfFonts();
    expect(fonts.has('hangul', '한'.codePointAt(0)!)).toBe(true);
    expect(fonts.has('hangul', 0x20)).toBe(false);
  });
});

describe('a 3,000-report case', () => {
  const reports = Array.from({ length: 3000 }, (_, i) => report(i, { dangerNow: i % 500 === 7 }));

  it('summary.html lists every report and says how to check the packet', () => {
    const html = renderSummaryHtml(model(reports));
    for (const r of reports) expect(html).toContain(`<td>${r.reference}</td>`);
    expect(html).toContain('How to check this packet');
    for (const step of PACKET_CHECK_STEPS) expect(html).toContain(step.replace(/'/g, '&#39;'));
    expect(html).toContain('/.well-known/triage-console/referral-signing-key');
  });

  it('summary.html escapes bidi and invisible characters instead of applying them', () => {
    const html = renderSummaryHtml(model([report(1, { description: 'x\u200By', links: ['https://a.example/\u202Egpj.exe'] })], 'a\u2066b'));
    expect(html).toContain('x⟨U+200B⟩y');
    expect(html).toContain('https://a.example/⟨U+202E⟩gpj.exe');
    expect(html).toContain('a⟨U+2066⟩b');
    expect(html).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  });

  it('summary.pdf lists danger-now reports first, then the newest, and names exactly what it leaves to summary.html', async () => {
    const selection = selectPdfReports(reports);
    expect(selection.listed).toHaveLength(PDF_REPORTS_MAX);
    expect(selection.listed.slice(0, 6).every((r) => r.dangerNow)).toBe(true);
    expect(selection.listed[6]!.reference).toBe('TC-2999-TEST');
    expect(selection.omitted).toEqual({ count: 2800, dangerNow: 0, earliest: reports[0]!.receivedAt, latest: reports[2805]!.receivedAt });

    const started = performance.now();
    const text = await pdfText(await renderSummaryPdf(model(reports), NOW));
    const ms = performance.now() - started;
    expect(text).toContain(`This PDF lists ${PDF_REPORTS_MAX} of the 3000 reports`);
    expect(text.replace(/\s+/g, ' ')).toContain(
      `Not listed in this PDF: the other 2800 reports, none of them marked danger now, received from ${reports[0]!.receivedAt} to ${reports[2805]!.receivedAt}. Each of them is listed, with its description, links and hashes, in summary.html in this packet.`,
    );
    for (const r of selection.listed) expect(text).toContain(r.reference);
    expect(text).not.toContain(reports[0]!.reference);
    expect(text).not.toMatch(/in the payload/);
    expect(ms).toBeLessThan(20_000);
  }, 30_000);

  it('summary.pdf lists every report when there are few', async () => {
    const text = await pdfText(await renderSummaryPdf(model(reports.slice(0, 5)), NOW));
    expect(text).toContain('All 5 reports are listed below');
    expect(text).not.toContain('Not listed in this PDF');
  });
});
