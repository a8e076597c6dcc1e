import PDFDocument from 'pdfkit';
import type { SummaryModel } from './build-summary';
import { PACKET_CHECK_HEADING, PACKET_CHECK_STEPS } from './packet-check-steps';
import { pdfFonts, type PdfFontRole, type PdfFonts } from './pdf-fonts';
import { pdfReportNotes, selectPdfReports } from './pdf-report-selection';
import { pdfkitText, toTextRuns } from './pdf-text-runs';

/**
 * The summary as a PDF: every section, then the reports (all of them, or the first PDF_REPORTS_MAX
 * danger-now first then newest, saying exactly which are left to summary.html). Text is
 * drawn with embedded Unicode fonts (pdf-fonts.ts; no network, no images), so Cyrillic, Greek,
 * Arabic, CJK and punctuation such as "—" print as written; a character no font has is printed as
 * its code point (`⟨U+1F984⟩`), and invisible or bidi characters as `⟨U+202E⟩`. Creation date
 * fixed to `now` so the same input gives the same bytes.
 */
export function renderSummaryPdf(model: SummaryModel, now: Date, fonts: PdfFonts = pdfFonts()): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, compress: true, info: { Title: model.title, Producer: 'Triage Console', Creator: 'Triage Console', CreationDate: now } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const write = pdfWriter(doc, fonts);

  write(model.title, { style: 'bold', size: 15 });
  write('Metadata only: links are text as reported and were never visited; no media is included. Characters shown as ⟨U+XXXX⟩ are invisible, direction-changing or undrawable characters in the original text, shown by their Unicode code point.');
  doc.moveDown();
  for (const section of model.sections) {
    write(section.heading, { style: 'bold', size: 12 });
    for (const [label, value] of section.rows) {
      write(`${label}: `, { style: 'bold', continued: true });
      write(value || '—');
    }
    doc.moveDown(0.5);
  }
  write(PACKET_CHECK_HEADING, { style: 'bold', size: 12 });
  PACKET_CHECK_STEPS.forEach((step, i) => write(`${i + 1}. ${step}`));
  doc.moveDown(0.5);

  const selection = selectPdfReports(model.reports);
  const notes = pdfReportNotes(selection, model.reports.length);
  write(`Reports (${model.reports.length})`, { style: 'bold', size: 12 });
  write(notes.intro, { style: 'italic' });
  doc.moveDown(0.3);
  for (const r of selection.listed) {
    write(`${r.reference}  ${r.receivedAt}  ${r.category}${r.dangerNow ? '  DANGER NOW' : ''}`, { style: 'bold', size: 8 });
    if (r.description) write(r.description, { size: 8 });
    if (r.links.length) write(`Links: ${r.links.join(' ')}`, { size: 8 });
    if (r.hashes.length) write(`Hashes: ${r.hashes.join(' ')}`, { size: 8 });
    doc.moveDown(0.3);
  }
  if (notes.closing) write(notes.closing, { style: 'italic' });
  doc.end();
  return done;
}

type WriteOptions = { style?: PdfFontRole; size?: number; continued?: boolean };

/**
 * Writes one paragraph (or, with `continued`, the start of one) in a style, switching fonts
 * mid-paragraph where a character needs another font; every run sits on the style font's baseline
 * (pdfkit would otherwise place each font by its own ascent, and CJK would float). Fonts are
 * registered with the document on first use, so a packet embeds (a subset of) only what it needs.
 */
function pdfWriter(doc: PDFKit.PDFDocument, fonts: PdfFonts) {
  const registered = new Set<PdfFontRole>();
  const use = (role: PdfFontRole) => {
    if (!registered.has(role)) {
      doc.registerFont(role, fonts.bytes(role));
      registered.add(role);
    }
    doc.font(role);
  };
  return (text: string, { style = 'text', size = 9, continued = false }: WriteOptions = {}) => {
    const runs = toTextRuns(text, style, fonts.has);
    if (runs.length === 0) runs.push({ role: style, text: ' ', rtl: false });
    doc.fontSize(size);
    // pdfkit reads a number as the distance from the line's top to the baseline, negated.
    const baseline = -(fonts.ascent(style) / 1000) * size;
    runs.forEach((run, i) => {
      use(run.role);
      doc.text(pdfkitText(run), { baseline, continued: i < runs.length - 1 || continued });
    });
  };
}
