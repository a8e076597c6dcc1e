import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { create, type Font } from 'fontkit';

/**
 * The fonts summary.pdf embeds, from npm packages (see docs/decisions/0013-pdf-fonts-and-display-text.md for the
 * choice, licences and sizes). pdfkit embeds only the glyphs a document uses, so a packet grows by
 * a few KiB per script, not by the font files.
 *  - DejaVu Sans (regular, bold, oblique): Latin, Greek, Cyrillic, Arabic, Hebrew, Armenian,
 *    Georgian, punctuation such as — “ ” and the ⟨ ⟩ of code-point markers.
 *  - Noto Sans SC: Chinese (simplified and traditional) and Japanese kana.
 *  - Nanum Gothic: Korean Hangul, and only Hangul (fontkit cannot lay out some of its other glyphs,
 *    the space among them).
 * The two CJK files are large (10 MB, 2 MB) and read only when some text needs them.
 */
export type PdfFontRole = 'text' | 'bold' | 'italic' | 'cjk' | 'hangul';

const FILES: Record<PdfFontRole, string> = {
  text: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  hangul: '@expo-google-fonts/nanum-gothic/400Regular/NanumGothic_400Regular.ttf',
};

/** Fonts used only for some characters. */
const ONLY_FOR: Partial<Record<PdfFontRole, RegExp>> = {
  hangul: /^[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]$/u,
};

/** Fonts tried, in order, for a character the run's own font lacks. */
export const FALLBACK_ROLES: readonly PdfFontRole[] = ['text', 'cjk', 'hangul'];

export type PdfFonts = {
  /** The font file's bytes, for pdfkit's registerFont. */
  bytes(role: PdfFontRole): Buffer;
  /** True when the font has a glyph for the code point. */
  has(role: PdfFontRole, codePoint: number): boolean;
  /** The font's ascent in thousandths of the font size (pdfkit's unit). */
  ascent(role: PdfFontRole): number;
};

type Loaded = { bytes: Buffer; font: Font; glyphs: Map<number, boolean> };

/** Loads each font once per process, on first use (resolved from the app's node_modules). */
export function loadPdfFonts(root: string = process.cwd()): PdfFonts {
  const require = createRequire(join(root, 'package.json'));
  const loaded = new Map<PdfFontRole, Loaded>();
  const load = (role: PdfFontRole): Loaded => {
    let entry = loaded.get(role);
    if (!entry) {
      const bytes = readFileSync(require.resolve(FILES[role]));
      const font = create(bytes);
      if (!('hasGlyphForCodePoint' in font)) throw new Error(`${FILES[role]} is a font collection, not a font`);
      entry = { bytes, font, glyphs: new Map() };
      loaded.set(role, entry);
    }
    return entry;
  };
  return {
    bytes: (role) => load(role).bytes,
    ascent(role) {
      const { font } = load(role);
      return (font.ascent / font.unitsPerEm) * 1000;
    },
    has(role, codePoint) {
      if (ONLY_FOR[role] && !ONLY_FOR[role].test(String.fromCodePoint(codePoint))) return false;
      const entry = load(role);
      let known = entry.glyphs.get(codePoint);
      if (known === undefined) {
        known = entry.font.hasGlyphForCodePoint(codePoint);
        entry.glyphs.set(codePoint, known);
      }
      return known;
    },
  };
}

let shared: PdfFonts | null = null;

/** The process-wide font set (the files never change while the server runs). */
export function pdfFonts(): PdfFonts {
  shared ??= loadPdfFonts();
  return shared;
}
