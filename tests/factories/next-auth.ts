import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

/**
 * Drives our next-auth configuration through next-auth's own request handling (its pages-router
 * entry, which needs no Next.js request scope), the way a browser would: CSRF token, credentials
 * callback, session, sign-out. Only the HTTP transport is simulated; next-auth and the database are real.
 */
export type AuthResponse = { status: number; body: unknown; location: string | null; setCookies: string[] };

export class NextAuthBrowser {
  readonly jar = new Map<string, string>();
  constructor(private readonly secure = false) {}

  async call(path: string, { method = 'GET', body }: { method?: 'GET' | 'POST'; body?: Record<string, string> } = {}): Promise<AuthResponse> {
    const headers: Record<string, string | string[]> = {};
    let status = 200;
    let sent: unknown;
    const res = {
      status(code: number) {
        status = code;
        return res;
      },
      getHeader: (name: string) => headers[name.toLowerCase()],
      setHeader(name: string, value: string | string[]) {
        headers[name.toLowerCase()] = value;
        return res;
      },
      json(value: unknown) {
        sent = value;
      },
      send(value: unknown) {
        sent = value;
      },
      end() {},
    };
    const req = {
      query: { nextauth: path.split('/') },
      body,
      method,
      cookies: Object.fromEntries(this.jar),
      headers: { host: 'console.test', 'x-forwarded-proto': this.secure ? 'https' : 'http' },
    };
    await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, res, authOptions({ secure: this.secure }));
    const raw = headers['set-cookie'];
    const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const cookie of setCookies) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const v = decodeURIComponent(value.join('='));
      if (v === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.jar.delete(name);
      else this.jar.set(name, v);
    }
    const location = typeof headers.location === 'string' ? headers.location : null;
    return { status, body: sent, location, setCookies };
  }

  async csrfToken(): Promise<string> {
    const { body } = await this.call('csrf');
    return (body as { csrfToken: string }).csrfToken;
  }

  /** Posts the credentials as next-auth's client signIn(..., { redirect: false }) does. */
  async signIn(credentials: { email: string; password: string; code?: string }): Promise<{ ok: boolean; error: string | null }> {
    const csrfToken = await this.csrfToken();
    const res = await this.call('callback/credentials', {
      method: 'POST',
      body: { ...credentials, code: credentials.code ?? '', csrfToken, callbackUrl: '/console', json: 'true' },
    });
    const url = (res.body as { url?: string } | undefined)?.url ?? res.location ?? '';
    const error = url ? new URL(url, 'http://console.test').searchParams.get('error') : null;
    return { ok: res.status < 400 && !error, error };
  }

  async session(): Promise<Record<string, unknown>> {
    return ((await this.call('session')).body ?? {}) as Record<string, unknown>;
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.call('signout', { method: 'POST', body: { csrfToken, callbackUrl: '/sign-in', json: 'true' } });
  }
}
