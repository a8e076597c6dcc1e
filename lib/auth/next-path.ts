/** Where staff land after signing in when no (usable) return path was given. */
export const DEFAULT_AFTER_SIGN_IN = '/console';

const BASE = 'http://next-path.invalid';

/**
 * The `?next=` return path, made safe: only a path on this site (`/console/...`), never another
 * origin (`//evil.example`, `/\evil.example`, `https://…`), never a sign-in page (a loop), and
 * never anything with control characters. Everything else becomes DEFAULT_AFTER_SIGN_IN.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2_000) return DEFAULT_AFTER_SIGN_IN;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return DEFAULT_AFTER_SIGN_IN;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE) return DEFAULT_AFTER_SIGN_IN;
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/') || url.pathname.startsWith('/api/auth')) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
