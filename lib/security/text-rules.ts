/**
 * The one rule for text and URLs that anyone outside the staff can send us (the public form, the
 * intake API, query parameters). Shared by the zod schemas, the packet builders (defence in depth)
 * and the packet verifier, so that what intake refuses is exactly what a packet may never contain.
 *
 *  - No control characters: C0 (except tab and newline, and carriage return which is folded into a
 *    newline, in multi-line text), DEL and C1. They break XML, Postgres (NUL) and terminals, and no
 *    person types them.
 *  - No lone surrogates: the text must be well-formed UTF-16, or it cannot be stored as UTF-8.
 *  - No noncharacters U+FFFE / U+FFFF (invalid in XML).
 *  - No `data:` URI anywhere in the text: that is how media bytes would ride inside a field.
 *  - Links are http: or https: only; a link typed without a scheme is read as https.
 */

const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/** `data:[<mediatype>][;param…][;base64],` — RFC 2397. Case-insensitive, spaces tolerated after the colon. */
const DATA_URI = /\bdata:\s*(?:[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)?(?:\s*;\s*[a-z0-9!#$&^_.+=-]+)*\s*,/i;

/**
 * Base64 of common media headers, as they appear when a file is pasted as text: PNG, JPEG, GIF,
 * WebP/RIFF, ISO media (MP4/MOV/HEIC, `ftyp` at offset 4), PDF with images is caught elsewhere.
 * Each needs a long base64 run after it, so an ordinary word cannot trip it.
 */
const BASE64_MEDIA = /(?:iVBORw0KGgo|\/9j\/[48]|R0lGOD[lh]|UklGR[a-zA-Z0-9+/]|AAAA[a-zA-Z0-9+/]{2}ZnR5c)[A-Za-z0-9+/]{40,}/;

export type TextProblem = 'control_character' | 'lone_surrogate' | 'data_uri';

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  control_character: 'contains a control character (such as NUL); remove it',
  lone_surrogate: 'contains an invalid character (a lone UTF-16 surrogate); remove it',
  data_uri: 'contains a data: URI; never paste or attach the material itself, describe it in words',
};

/** The first problem with a piece of untrusted text, or null when it may be stored. */
export function findTextProblem(text: string, options: { multiLine?: boolean } = {}): TextProblem | null {
  if (!text.isWellFormed()) return 'lone_surrogate';
  if ((options.multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(text)) return 'control_character';
  if (DATA_URI.test(text)) return 'data_uri';
  return null;
}

/** Why text that findEmbeddedMedia flags is refused, after the field's name. */
export const EMBEDDED_MEDIA_MESSAGE = 'contains what looks like an encoded picture or video; never paste the material itself, describe it in words';

/** True when text carries media: a `data:` URI or a base64-encoded media file. For packets, their verifier and every text that can reach one. */
export function findEmbeddedMedia(text: string): string | null {
  const dataUri = DATA_URI.exec(text);
  if (dataUri) return `a data: URI ("${dataUri[0].slice(0, 40)}")`;
  const base64 = BASE64_MEDIA.exec(text);
  if (base64) return `a base64-encoded media file ("${base64[0].slice(0, 16)}…")`;
  return null;
}

export type UrlProblem = 'scheme' | 'not_a_url';

export const URL_PROBLEM_MESSAGES: Record<UrlProblem, string> = {
  scheme: 'must be an http:// or https:// link (other kinds, such as data:, javascript: or file:, are refused)',
  not_a_url: 'is not a web address (for example https://social.example/@name/123)',
};

/** `scheme:` at the start; `host:8080/…` (digits after the colon) is a port, not a scheme. */
const LEADING_SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d)/i;

/**
 * Checks a link a reporter typed. Returns the text to store (unchanged, or with `https://` put in
 * front when no scheme was typed) or the problem. The text is never fetched; it stays inert.
 */
export function checkWebUrl(raw: string): { ok: true; url: string } | { ok: false; problem: UrlProblem } {
  const text = raw.trim();
  const scheme = LEADING_SCHEME.exec(text);
  if (scheme && !/^https?$/i.test(scheme[1]!)) return { ok: false, problem: 'scheme' };
  const candidate = scheme ? text : `https://${text.replace(/^\/\//, '')}`;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return { ok: false, problem: 'not_a_url' };
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname || /\s/.test(text)) {
    return { ok: false, problem: 'not_a_url' };
  }
  return { ok: true, url: candidate };
}
