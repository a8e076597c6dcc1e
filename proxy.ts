import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy } from '@/lib/http/security-headers.js';

/**
 * A fresh nonce and Content-Security-Policy for every request Next serves (Next.js 16 "proxy",
 * formerly middleware). Next reads the policy from the request headers and puts the nonce on every
 * script it renders, so the policy can say `script-src 'nonce-…'` instead of 'unsafe-inline'. Every
 * page is rendered per request (app/layout.tsx is force-dynamic), which a nonce needs. Redirects
 * and authorisation are not done here (lib/auth/guards.ts).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development' });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Not for build output (hashed, immutable files); everything else, API routes included, except
  // the hash-list upload: a proxy buffers request bodies (and cuts them at 10 MB), and that route
  // streams files up to 50 MB itself (app/api/v1/hash-lists/route.ts). It answers JSON, no page.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/v1/hash-lists$).*)' }],
};
