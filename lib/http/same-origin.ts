import 'server-only';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';

/**
 * Refuses a state-changing request whose Origin is another site (CSRF), or that the browser marks
 * cross-site or same-site in Sec-Fetch-Site, comparing the Origin with the host
 * the browser actually used — not request.url, whose host is the server's bind address. The host
 * comes from X-Forwarded-Host only behind a trusted proxy (TRUST_PROXY=1).
 */
export function assertSameOrigin(request: Request): void {
  // A browser that says the request comes from another site (or a sibling subdomain, which a Lax
  // cookie does not stop) is believed whatever the Origin says, or whether it sent one.
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw new AppError('forbidden', 'Cross-site request refused.');
  const origin = request.headers.get('origin');
  if (!origin) return; // not a browser's cross-site request: browsers send Origin on every POST
  const forwardedHost = getConfig().TRUST_PROXY ? request.headers.get('x-forwarded-host') : null;
  const host = forwardedHost ?? request.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new AppError('forbidden', 'Cross-site request refused.');
}
