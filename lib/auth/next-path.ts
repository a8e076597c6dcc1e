/** Where staff land after signing in when no (usable) return path was given. */
export const DEFAULT_AFTER_SIGN_IN = '/console';

const BASE = 'http://next-path.invalid';

/**
 * Encoded characters that some browser, proxy or framework may decode back into a separator before
 * the path is used: `/` (%2f), `\` (%5c), and control characters such as tab (%09), which the URL
 * parser strips, so `/%09/evil.example` can turn into `//evil.example` once decoded.
 */
const ENCODED_SEPARATOR_OR_CONTROL = /%(?:2f|5c|[01][0-9a-f]|7f)/i;

/**
 * The `?next=` return path, made safe: only a path on this site (`/console/...`), never another
 * origin (`//evil.example`, `/\evil.example`, `/a/..//evil.example`, `https://…`), never a sign-in
 * page (a loop), and never anything with control characters or encoded slashes. Everything else
 * becomes DEFAULT_AFTER_SIGN_IN.
 *
 * The raw value is resolved against a fixed dummy origin, and what is returned is built from the
 * RESOLVED URL: dot segments are already applied, so the result cannot change meaning when the
 * browser resolves it again. A resolved path that starts with `//` would be protocol-relative in a
 * Location header or href, so it is refused too.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2_000) return DEFAULT_AFTER_SIGN_IN;
  if (!raw.startsWith('/') || raw.includes('\\')) return DEFAULT_AFTER_SIGN_IN;
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw) || ENCODED_SEPARATOR_OR_CONTROL.test(raw)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE || url.username || url.password) return DEFAULT_AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return DEFAULT_AFTER_SIGN_IN;
  // Belt and braces: the result, resolved once more, must land on the same origin and path.
  const again = new URL(path, BASE);
  if (again.origin !== BASE || `${again.pathname}${again.search}${again.hash}` !== path) return DEFAULT_AFTER_SIGN_IN;
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/') || url.pathname.startsWith('/api/auth')) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  return path;
}
