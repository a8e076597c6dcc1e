import type { SummaryModel } from './build-summary';
import { renderSummaryHtml } from './render-summary-html';
import { renderSummaryPdf } from './render-summary-pdf';
import { prepareNcmecValidator } from './validate-ncmec-xml';

/** One tiny summary in every script the PDF fonts cover, so their first use happens here. */
const WARM_UP_SUMMARY: SummaryModel = {
  title: 'Warm-up',
  sections: [{ heading: 'Warm-up', rows: [['Text', 'Latin — Ελληνικά Кириллица العربية 中文 日本語 한국어']] }],
  reports: [{ reference: 'TC-WARM-UP00', receivedAt: new Date(0).toISOString(), category: 'warm-up', dangerNow: true, description: 'x', links: [], hashes: [] }],
};

/**
 * What the server does once at start, in the background (instrumentation.ts): load libxml2 and
 * compile NCMEC's schema, read the PDF fonts and render one throwaway summary, so the first referral
 * a moderator prepares or exports pays none of that. The summary is discarded. A missing schema is
 * not an error here: preparing an NCMEC referral reports it with how to get the file.
 */
export async function warmUpReferralBuilders(xsdFile: string): Promise<void> {
  await prepareNcmecValidator(xsdFile).catch(() => undefined);
  renderSummaryHtml(WARM_UP_SUMMARY);
  await renderSummaryPdf(WARM_UP_SUMMARY, new Date(0));
}
