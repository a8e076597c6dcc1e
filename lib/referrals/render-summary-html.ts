import { revealInvisible } from '@/lib/security/display-text';
import type { SummaryModel } from './build-summary';
import { PACKET_CHECK_HEADING, PACKET_CHECK_STEPS } from './packet-check-steps';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text as HTML: markup escaped, and invisible or direction-changing characters shown as `⟨U+202E⟩`. */
const esc = (text: string) => revealInvisible(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * A standalone HTML summary listing every report. Everything is escaped text: no links, no images,
 * no direction overrides (a right-to-left override shows as `⟨U+202E⟩`, so `…/gpj.exe` after one
 * cannot pass for `…/exe.jpg`), and a CSP that stops the file from loading anything if someone
 * opens it in a browser. It says how to check the packet's signature.
 */
export function renderSummaryHtml(model: SummaryModel): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(model.title)}</title>`,
    '<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;max-width:60rem}th{text-align:left;vertical-align:top;padding-right:1rem}td,th{border-bottom:1px solid #ddd;padding:.25rem}code{word-break:break-all}</style>',
    '</head><body>',
    `<h1>${esc(model.title)}</h1>`,
    '<p>Metadata only: links are text as reported and were never visited; no media is included. Characters shown as ⟨U+XXXX⟩ are invisible or direction-changing characters in the original text, shown by their Unicode code point.</p>',
    `<h2>${esc(PACKET_CHECK_HEADING)}</h2><ol>${PACKET_CHECK_STEPS.map((step) => `<li>${esc(step)}</li>`).join('')}</ol>`,
  ];
  for (const section of model.sections) {
    out.push(`<h2>${esc(section.heading)}</h2><table>`);
    for (const [label, value] of section.rows) out.push(`<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`);
    out.push('</table>');
  }
  out.push(`<h2>Reports (${model.reports.length})</h2><table><thead><tr><th>Reference</th><th>Received</th><th>Category</th><th>Details</th></tr></thead><tbody>`);
  for (const r of model.reports) {
    const details = [
      r.dangerNow ? '<strong>Danger now</strong>' : '',
      r.description ? `<p>${esc(r.description)}</p>` : '',
      r.links.length ? `<p>Links: ${r.links.map((l) => `<code>${esc(l)}</code>`).join(' ')}</p>` : '',
      r.hashes.length ? `<p>Hashes: ${r.hashes.map((h) => `<code>${esc(h)}</code>`).join(' ')}</p>` : '',
    ].join('');
    out.push(`<tr><td>${esc(r.reference)}</td><td>${esc(r.receivedAt)}</td><td>${esc(r.category)}</td><td>${details}</td></tr>`);
  }
  out.push('</tbody></table></body></html>');
  return out.join('\n');
}
