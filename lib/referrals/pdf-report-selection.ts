import type { SummaryModel } from './build-summary';

type SummaryReport = SummaryModel['reports'][number];

/**
 * How many reports summary.pdf lists in full. pdfkit lays text out at roughly a millisecond per
 * report, so listing 10,000 would break the one-second packet build; summary.html (same packet)
 * lists every report, and the PDF says exactly which ones it leaves to it.
 */
export const PDF_REPORTS_MAX = 200;

export type PdfReportSelection = {
  listed: SummaryReport[];
  /** What the PDF leaves out, described exactly; null when it lists every report. */
  omitted: { count: number; dangerNow: number; earliest: string; latest: string } | null;
};

/** Danger-now reports first, then the newest; the first `max` of that order are listed. Pure. */
export function selectPdfReports(reports: readonly SummaryReport[], max: number = PDF_REPORTS_MAX): PdfReportSelection {
  const ordered = [...reports].sort(
    (a, b) => Number(b.dangerNow) - Number(a.dangerNow) || b.receivedAt.localeCompare(a.receivedAt) || a.reference.localeCompare(b.reference),
  );
  const listed = ordered.slice(0, max);
  const rest = ordered.slice(max);
  if (rest.length === 0) return { listed, omitted: null };
  let earliest = rest[0]!.receivedAt;
  let latest = earliest;
  for (const r of rest) {
    if (r.receivedAt < earliest) earliest = r.receivedAt;
    if (r.receivedAt > latest) latest = r.receivedAt;
  }
  return { listed, omitted: { count: rest.length, dangerNow: rest.filter((r) => r.dangerNow).length, earliest, latest } };
}

/** The sentences that tell the reader which reports the PDF lists and where the others are. */
export function pdfReportNotes(selection: PdfReportSelection, total: number): { intro: string; closing: string | null } {
  const { omitted, listed } = selection;
  if (!omitted) return { intro: `All ${total} reports are listed below: danger-now reports first, then the newest.`, closing: null };
  const danger = omitted.dangerNow ? `, ${omitted.dangerNow} of them marked danger now` : ', none of them marked danger now';
  return {
    intro: `This PDF lists ${listed.length} of the ${total} reports: danger-now reports first, then the newest. summary.html in this packet lists all ${total}.`,
    closing: `Not listed in this PDF: the other ${omitted.count} reports${danger}, received from ${omitted.earliest} to ${omitted.latest}. Each of them is listed, with its description, links and hashes, in summary.html in this packet.`,
  };
}
