import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { newRequestId } from '@/lib/http/respond';
import { clientIpFrom } from '@/lib/security/client-source';
import { safeNextPath } from './next-path';
import { SESSION_ABSOLUTE_MS } from './session-rules';
import { signInWithPassword } from './sign-in';
import { signOutSession } from './sign-out';

/** The error string the sign-in form receives when the password was right and a code is needed. */
export const CODE_REQUIRED_ERROR = 'code_required';

const ZCredentials = z.object({
  email: z.string().trim().min(1).max(320),
  // argon2 hashes whatever it is given; a cap keeps one request from costing much.
  password: z.string().min(1).max(1024),
  code: z.string().max(20).optional(),
});

/** What our JWT and session carry: which staff member, and which staff_sessions row. */
export const ZSessionClaims = z.object({ staffId: z.uuid(), sessionId: z.uuid() });

const SESSION_SECONDS = SESSION_ABSOLUTE_MS / 1000;

// Without NEXTAUTH_URL, next-auth would build every redirect on http://localhost:3000 whatever
// address the console is served on. AUTH_TRUST_HOST makes it use the request's Host (or, only with
// TRUST_PROXY=1, X-Forwarded-Host) and X-Forwarded-Proto instead; scripts/serve.mjs removes or
// overwrites those headers when there is no trusted proxy (lib/http/forwarded-headers.js).
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= '1';

/** next-auth hands authorize() the request headers as a plain object. */
function headersOf(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}

/** next-auth's redirect callback: only a same-origin path survives (lib/auth/next-path.ts). */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = new URL(baseUrl);
  let path = url;
  if (!url.startsWith('/')) {
    let absolute: URL;
    try {
      absolute = new URL(url);
    } catch {
      return `${base.origin}${safeNextPath(null)}`;
    }
    path = absolute.origin === base.origin ? `${absolute.pathname}${absolute.search}${absolute.hash}` : '';
  }
  return `${base.origin}${safeNextPath(path)}`;
}

/**
 * next-auth's configuration. Built per request because the cookie names and Secure flag depend on
 * whether the request came over https (lib/auth/cookie-security.ts); the route handler and
 * getServerSession compute it from the same headers, so they always agree on the cookie.
 * Cookies are httpOnly and SameSite=Lax (next-auth's defaults, kept explicit by these tests:
 * tests/integration/auth-session.test.ts).
 */
export function authOptions({ secure }: { secure: boolean }): AuthOptions {
  return {
    secret: getConfig().NEXTAUTH_SECRET,
    useSecureCookies: secure,
    session: { strategy: 'jwt', maxAge: SESSION_SECONDS },
    jwt: { maxAge: SESSION_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'E-mail and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
        async authorize(credentials, req) {
          const parsed = ZCredentials.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const sourceIp = clientIpFrom(headersOf(req?.headers), getConfig().TRUST_PROXY);
          const result = await signInWithPassword(parsed.data, { requestId: newRequestId(), sourceIp });
          if (result.status === 'code_required') throw new Error(CODE_REQUIRED_ERROR);
          if (result.status !== 'signed_in') return null;
          return { id: result.staffId, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      redirect: sameOriginRedirect,
      jwt({ token, user }) {
        // Only on sign-in is `user` set; the token then carries just our two IDs.
        if (user && 'sessionId' in user) return { sub: user.id, staffId: user.id, sessionId: String(user.sessionId) };
        return token;
      },
      session({ session, token }) {
        const claims = ZSessionClaims.safeParse(token);
        return { expires: session.expires, ...(claims.success ? claims.data : {}) };
      },
    },
    events: {
      async signOut({ token }) {
        const claims = ZSessionClaims.safeParse(token);
        if (claims.success) await signOutSession(claims.data, { requestId: newRequestId() });
      },
    },
    logger: {
      error: (code, metadata) => console.error(`[next-auth] ${code}`, metadata instanceof Error ? metadata.message : ''),
      // We deliberately run without NEXTAUTH_URL: redirects are ours, and origins come from the request.
      warn: (code) => {
        if (code !== 'NEXTAUTH_URL') console.warn(`[next-auth] ${code}`);
      },
      debug: () => undefined,
    },
  };
}
