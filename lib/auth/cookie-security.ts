/**
 * Whether this request reached us over https, so the session cookies are marked Secure (and take
 * next-auth's __Secure-/__Host- names). Our server speaks plain http; TLS ends at a proxy, which
 * says so in X-Forwarded-Proto (Next.js fills the header in from the socket when it is absent). A
 * client forging the header can only change how its own cookies are marked.
 */
export function requestIsHttps(headers: Pick<Headers, 'get'>): boolean {
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}
