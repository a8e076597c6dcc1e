/**
 * How text that someone outside the staff wrote (reporter descriptions, handles, account IDs,
 * display names, e-mails, links) is SHOWN: on console pages, in the packet's summary.html and
 * summary.pdf. The one display rule, pure and shared by all of them:
 *
 *  - characters that hide or reorder text (bidi overrides and isolates, zero-width characters, BOM,
 *    other format and control characters) are shown as a visible `⟨U+202E⟩` marker, so
 *    `evil` + U+202E + `gpj.exe` cannot pass for `evilexe.jpg`;
 *  - links are defanged: `https://example.com/a.b` becomes `hxxps://example[.]com/a.b`. Nothing
 *    that reads the text (a browser, a chat client that auto-links, a mail client) will turn it
 *    into a request, and a moderator cannot follow it by accident.
 *
 * The ORIGINAL text is kept for copy buttons and for hotline payloads; this is only how it is
 * shown. No parsing through `URL` (which would normalise and hide tricks). What may be STORED is a
 * different rule: lib/security/text-rules.ts.
 */

/** Characters that hide or reorder text: C0/C1 controls (not tab, LF, CR), soft hyphen, bidi marks,
 * embeddings, overrides and isolates, zero-width and invisible operators, BOM, interlinear
 * annotation, and the Unicode tag characters (used to smuggle invisible ASCII). */
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/** `U+202E`: a code point as Unicode writes it (at least four hex digits). */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Shows a character that hides or reorders text as a visible `⟨U+202E⟩` marker. */
export function revealInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `⟨${codePointName(ch.codePointAt(0)!)}⟩`);
}

/**
 * Free text as staff see it (a description, a handle, an account ID, a display name, an e-mail):
 * invisible characters revealed, and every URL-like piece defanged wherever it sits in the text
 * (`@http://127.0.0.1:8080/x.jpg`, `see www.example.com`, `mail me at a@b.example`).
 */
export function displayText(text: string): string {
  return revealInvisible(text).replace(URL_LIKE, (match) => defang(match));
}

/** ASCII dots only: CJK text uses `。` as its full stop, so it does not make a host name here (a
 * link that uses one after a scheme is still caught, and `defang` brackets it). */
const DOT = '\\.';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?';
/** After a host: not inside a longer word, then an optional port and path, query or fragment. */
const HOST_END = '(?![\\p{L}\\p{N}_-])(?::\\d{1,5})?(?:[/?#\\\\][^\\s]*)?';

/**
 * What counts as a link inside free text. Wider than what an auto-linker links, on purpose: a
 * sentence like `the file was called holiday.zip` is shown as `holiday[.]zip`, which costs nothing.
 *  - anything with a scheme and slashes (`http://`, `hxxp:\\`, `file:///`), wherever it starts;
 *  - schemes that run code or carry data without slashes (`javascript:`, `data:`, `mailto:` …);
 *  - `//host…`, dotted host names ending in letters (`www.example.com`, `evil.example/x`) and
 *    IPv4 addresses (`127.0.0.1:8080`), with their port, path, query and fragment; numbers such
 *    as `3.14` or `1.2.3` stay as they are.
 */
const URL_LIKE = new RegExp(
  [
    '[a-z][a-z0-9+.-]{0,30}:[/\\\\]+[^\\s]*',
    '\\b(?:javascript|vbscript|data|mailto|blob|file|about|intent|tel|sms|callto|ms-[a-z-]+):[^\\s]+',
    `(?<![\\w/])//${LABEL}(?:${DOT}${LABEL})+[^\\s]*`,
    `(?<![\\p{L}\\p{N}_.-])(?:${LABEL}${DOT})+(?:\\p{L}{2,63}|xn--[a-z0-9-]+)${HOST_END}`,
    `(?<![\\p{N}.])\\d{1,3}(?:${DOT}\\d{1,3}){3}${HOST_END}`,
  ].join('|'),
  'giu',
);

const SCHEME = /^([a-z][a-z0-9+.-]{0,30}):([/\\]*)/i;

const SCHEME_NAMES: Record<string, string> = { http: 'hxxp', https: 'hxxps', ftp: 'fxp', ftps: 'fxps', ws: 'wxs', wss: 'wxss' };

function defangScheme(scheme: string, slashes: string): string {
  const mapped = SCHEME_NAMES[scheme.toLowerCase()];
  if (mapped) return slashes ? `${mapped}:${slashes}` : `${mapped}[:]`;
  // Any other scheme (javascript:, data:, file:) keeps its name but loses its colon.
  return `${scheme}[:]${slashes}`;
}

/** The authority (host, port, user info) of a URL-ish string, defanged: every dot and @ bracketed. */
function defangAuthority(authority: string): string {
  return authority.replace(/[.\u3002\uff0e\uff61]/g, (dot) => `[${dot}]`).replace(/@/g, '[@]');
}

/**
 * Defangs one link (a content link, a profile link). Works on anything a reporter typed, with or
 * without a scheme:
 *  - `http`/`https`/`ftp` become `hxxp`/`hxxps`/`fxp`; other schemes get `[:]` (`javascript[:]…`);
 *  - every `.` in the host becomes `[.]` (IPv4 included), `@` in user info becomes `[@]`;
 *  - invisible and direction-changing characters are shown as `⟨U+XXXX⟩`;
 *  - the path, query and fragment are kept as typed (they carry evidence and cannot fetch anything
 *    once the host is broken), except that URLs nested in them lose their scheme too.
 */
export function defang(raw: string): string {
  const text = revealInvisible(raw.trim());
  const scheme = SCHEME.exec(text);
  // `example.com:8080/…` looks like a scheme to the pattern; a dotted "scheme" is a host.
  if (scheme && !scheme[1]!.includes('.')) {
    const [whole, name, slashes] = scheme;
    const rest = text.slice(whole.length);
    if (!slashes) return `${defangScheme(name!, '')}${defangPlain(rest)}`;
    const end = firstPathChar(rest);
    return `${defangScheme(name!, slashes)}${defangAuthority(rest.slice(0, end))}${defangRest(rest.slice(end))}`;
  }
  // `//example.com/…` (scheme-relative) and `www.example.com/…` (bare host).
  if (text.startsWith('//')) {
    const rest = text.slice(2);
    const end = firstPathChar(rest);
    return `[//]${defangAuthority(rest.slice(0, end))}${defangRest(rest.slice(end))}`;
  }
  return defangPlain(text);
}

/** Text without a scheme: defang the leading host-like part and any further dots before the path. */
function defangPlain(text: string): string {
  const end = firstPathChar(text);
  return `${defangAuthority(text.slice(0, end))}${defangRest(text.slice(end))}`;
}

/** Path, query and fragment stay as typed, except URLs nested in them (`?u=https://…`). */
function defangRest(text: string): string {
  return text.replace(/\b(h)tt(ps?):(?=[/\\])/gi, (_, h: string, s: string) => `${h}xx${s}[:]`).replace(/\bftp:(?=[/\\])/gi, 'fxp[:]');
}

function firstPathChar(text: string): number {
  const index = text.search(/[/?#\\]/);
  return index === -1 ? text.length : index;
}
