import 'server-only';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';

/**
 * Refuses a state-changing request whose Origin is another site (CSRF), comparing it with the host
 * the browser actually used — not request.url, whose host is the server's bind address. The host
 * comes from X-Forwarded-Host only behind a trusted proxy (TRUST_PROXY=1).
 */
export function assertSameOrigin(request: Request): void {
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
