// @ts-check
// Plain JavaScript: next.config.js loads it, and so does the intake fast path (scripts/serve.mjs),
// so every response carries the same headers however it is served. proxy.ts adds the per-request
// Content-Security-Policy (with its nonce) to everything Next serves.

/**
 * The Content-Security-Policy. The reported media is never displayed, and the policy makes sure
 * nothing else can load it either: images only from ourselves or data: URLs, no frames in either
 * direction, no plugins. Scripts run only with this response's nonce ('strict-dynamic' lets the
 * scripts Next loads with a nonce load their own chunks); no 'unsafe-inline' for scripts. Without a
 * nonce (a JSON response) no script may run at all.
 * @param {{ nonce?: string, dev?: boolean }} [options]
 */
export function contentSecurityPolicy({ nonce, dev = false } = {}) {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}` : "'none'";
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    // React and Next set style attributes; styles cannot run code, so inline styles stay allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
  ].join('; ');
}

/** Sent only on responses to https requests (see requestIsHttps): two years, subdomains too. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/**
 * Whether the request reached the client over https: directly (a TLS socket), or, only when we
 * sit behind a proxy we trust (TRUST_PROXY=1), as the proxy says in X-Forwarded-Proto. Without a
 * trusted proxy the header is the client's to forge, so it is ignored.
 * @param {{ encrypted: boolean, forwardedProto: string | null | undefined, trustProxy: boolean }} request
 */
export function requestIsHttps({ encrypted, forwardedProto, trustProxy }) {
  if (encrypted) return true;
  if (!trustProxy || !forwardedProto) return false;
  return forwardedProto.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** TRUST_PROXY=1 (or true): X-Forwarded-For/-Proto/-Host come from our own proxy. */
export function trustProxyFromEnv(env = process.env) {
  return env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true';
}

/**
 * Security headers for every response, apart from the CSP (per response, above) and HSTS (https
 * only). No referrer leaks to any site a link might point at.
 * @type {{ key: string, value: string }[]}
 */
export const securityHeaders = [
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
];

/**
 * Headers for a response served without Next (the intake API, the health check, a refused path):
 * every security header plus the CSP with no nonce, so no script may run.
 * @returns {Record<string, string>}
 */
export function scriptlessResponseHeaders() {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const { key, value } of securityHeaders) headers[key] = value;
  headers['Content-Security-Policy'] = contentSecurityPolicy();
  return headers;
}
