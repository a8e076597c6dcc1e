/**
 * Content links as inert, defanged text for staff screens: `https://example.com/a.b` becomes
 * `hxxps://example[.]com/a.b`. Nothing that reads the text (a browser, a chat client that
 * auto-links, a mail client) will turn it into a request, and a moderator cannot follow it by
 * accident. The ORIGINAL text is kept for the copy button and for hotline packets; this is only
 * how it is shown. Pure: no parsing through `URL` (which would normalise and hide tricks).
 */

/** Characters that hide or reorder text (bidi controls, zero-width, BOM, other format chars). */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const SCHEME = /^([a-z][a-z0-9+.-]{0,30}):([/\\]*)/i;

const SCHEME_NAMES: Record<string, string> = { http: 'hxxp', https: 'hxxps', ftp: 'fxp', ftps: 'fxps', ws: 'wxs', wss: 'wxss' };

/** Shows a character that hides or reorders text as a visible `[U+202E]` marker. */
export function revealInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

function defangScheme(scheme: string, slashes: string): string {
  const mapped = SCHEME_NAMES[scheme.toLowerCase()];
  if (mapped) return slashes ? `${mapped}:${slashes}` : `${mapped}[:]`;
  // Any other scheme (javascript:, data:, file:) keeps its name but loses its colon.
  return `${scheme}[:]${slashes}`;
}

/** The authority (host, port, user info) of a URL-ish string, defanged: every dot and @ bracketed. */
function defangAuthority(authority: string): string {
  return authority.replace(/\./g, '[.]').replace(/@/g, '[@]');
}

/**
 * Defangs one content link. Works on anything a reporter typed, with or without a scheme:
 *  - `http`/`https`/`ftp` become `hxxp`/`hxxps`/`fxp`; other schemes get `[:]` (`javascript[:]…`);
 *  - every `.` in the host becomes `[.]` (IPv4 included), `@` in user info becomes `[@]`;
 *  - invisible and direction-changing characters are shown as `[U+XXXX]`;
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
