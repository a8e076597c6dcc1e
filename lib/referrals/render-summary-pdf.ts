import PDFDocument from 'pdfkit';
import type { SummaryModel } from './build-summary';

/** The PDF lists this many reports in full; the rest are in summary.html and the payload. */
export const PDF_REPORTS_MAX = 200;

/**
 * The summary as a PDF (pdfkit with its built-in Helvetica: no font files, no network, no images).
 * Creation date fixed to `now` so the same input gives the same bytes.
 */
export function renderSummaryPdf(model: SummaryModel, now: Date): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, compress: true, info: { Title: model.title, Producer: 'Triage Console', Creator: 'Triage Console', CreationDate: now } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(15).text(pdfSafe(model.title));
  doc.font('Helvetica').fontSize(9).text('Metadata only: links are text as reported and were never visited; no media is included.').moveDown();
  for (const section of model.sections) {
    doc.font('Helvetica-Bold').fontSize(12).text(section.heading);
    doc.fontSize(9);
    for (const [label, value] of section.rows) doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(pdfSafe(value));
    doc.moveDown(0.5);
  }
  doc.font('Helvetica-Bold').fontSize(12).text(`Reports (${model.reports.length})`);
  doc.fontSize(8);
  for (const r of model.reports.slice(0, PDF_REPORTS_MAX)) {
    doc.font('Helvetica-Bold').text(`${r.reference}  ${r.receivedAt}  ${r.category}${r.dangerNow ? '  DANGER NOW' : ''}`);
    doc.font('Helvetica');
    if (r.description) doc.text(pdfSafe(r.description));
    if (r.links.length) doc.text(pdfSafe(`Links: ${r.links.join(' ')}`));
    if (r.hashes.length) doc.text(pdfSafe(`Hashes: ${r.hashes.join(' ')}`));
    doc.moveDown(0.3);
  }
  if (model.reports.length > PDF_REPORTS_MAX) {
    doc.font('Helvetica-Oblique').text(`${model.reports.length - PDF_REPORTS_MAX} more reports are listed in summary.html and the payload.`);
  }
  doc.end();
  return done;
}

/** The built-in fonts cover WinAnsi only; other characters become '?' rather than breaking the file. */
function pdfSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[^\x20-\x7E\u00A0-\u00FF\n]/g, '?');
}
