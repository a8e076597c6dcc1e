import { codePointName, revealInvisible } from '@/lib/security/display-text';
import { FALLBACK_ROLES, type PdfFontRole } from './pdf-fonts';

/** A stretch of text drawn in one font, in one direction (`rtl`: Arabic, Hebrew and the like). */
export type TextRun = { role: PdfFontRole; text: string; rtl: boolean };

/** Spaces, punctuation and combining marks stay in the current run when its font has them, so a
 * sentence in Arabic or Chinese stays one run (one shaping and direction context), not one per word. */
const NEUTRAL = /[\p{Zs}\p{P}\p{S}\p{M}]/u;

/** Letters of right-to-left scripts. fontkit lays out a run of them right to left; digits are not
 * among them (numbers read left to right even in Arabic text). */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const DIGIT = /\p{N}/u;

/** Emoji and text presentation selectors: hints with nothing to draw in a monochrome PDF. */
const PRESENTATION_SELECTOR = /[\ufe0e\ufe0f]/u;

/** Line breaks and tabs are layout, not glyphs: pdfkit acts on them in any font. */
const LAYOUT = /[\n\t]/;

/** Printable ASCII and Latin-1 (after invisible characters are revealed): every style font draws all
 * of it, so most text is one run without a per-character lookup. */
const LATIN1 = /^[\x20-\x7e\u00a0-\u00ff\n\t]*$/;

/**
 * Splits reporter (or any) text into runs for the PDF: each character goes to the first font that
 * can draw it (the run's own style first, then the fallbacks); a character no font can draw is
 * written as its code point, `⟨U+1F984⟩`, never as "?" or a blank box. Invisible and bidi
 * characters are shown as `⟨U+202E⟩` first (the shared display rule), so they never act on the text.
 * Right-to-left letters get runs of their own, which fontkit shapes and lays out right to left.
 * Pure apart from the glyph lookup it is given.
 */
export function toTextRuns(text: string, style: PdfFontRole, has: (role: PdfFontRole, codePoint: number) => boolean): TextRun[] {
  const chain = [style, ...FALLBACK_ROLES.filter((role) => role !== style)];
  const runs: TextRun[] = [];
  const push = (role: PdfFontRole, piece: string, rtl: boolean) => {
    const last = runs.at(-1);
    if (last?.role === role && last.rtl === rtl) last.text += piece;
    else runs.push({ role, text: piece, rtl });
  };
  const shown = revealInvisible(text);
  if (LATIN1.test(shown)) return shown ? [{ role: style, text: shown, rtl: false }] : [];
  for (const ch of shown) {
    if (PRESENTATION_SELECTOR.test(ch)) continue;
    const current = runs.at(-1);
    if (LAYOUT.test(ch)) {
      push(current?.role ?? style, ch, false);
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (current && NEUTRAL.test(ch) && has(current.role, cp)) {
      push(current.role, ch, current.rtl);
      continue;
    }
    const rtl = RTL_LETTER.test(ch) && !DIGIT.test(ch);
    const role = chain.find((r) => has(r, cp));
    if (role) push(role, ch, rtl);
    else push(style, `⟨${codePointName(cp)}⟩`, false);
  }
  return runs;
}

/**
 * The text to hand pdfkit for a run. pdfkit lays text out word by word, each word with the space
 * after it, and fontkit turns a right-to-left word around (its space included, which lands on its
 * left). So a right-to-left run goes in with its words in reverse order, each keeping its own
 * space, and reads right to left as a whole. A right-to-left run that wraps onto a second line
 * keeps its word order per run, not per line: a known limit without a full bidi layout engine.
 */
export function pdfkitText(run: TextRun): string {
  if (!run.rtl) return run.text;
  const words = run.text.match(/\S+\s*|\s+/g) ?? [];
  return words.reverse().join('');
}
