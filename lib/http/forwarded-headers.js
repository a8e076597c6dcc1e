// @ts-check
// Plain JavaScript: scripts/serve.mjs runs it on every request before Next.js sees it.
import { requestIsHttps, STRICT_TRANSPORT_SECURITY } from './security-headers.js';

/** Headers only a proxy we trust may set: each says where the client really connected. */
const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'];

/**
 * Makes the X-Forwarded-* headers Next.js sees true. Without TRUST_PROXY they are the client's to
 * forge: X-Forwarded-Host would pass Next's server-action origin check for a forged Origin and
 * steer next-auth's redirects, and X-Forwarded-Proto would mark cookies Secure. So they are
 * removed, and X-Forwarded-Proto is overwritten from the socket (Next then uses Host). Also sends
 * HSTS when the request came over https (directly, or by a trusted proxy's word).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {boolean} trustProxy
 */
export function applyForwardedHeaders(req, res, trustProxy) {
  const encrypted = Boolean(/** @type {{ encrypted?: boolean }} */ (req.socket).encrypted);
  const forwardedProto = req.headers['x-forwarded-proto'];
  const https = requestIsHttps({ encrypted, forwardedProto: Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto, trustProxy });
  if (!trustProxy) {
    for (const name of FORWARDED_HEADERS) delete req.headers[name];
    req.headers['x-forwarded-proto'] = encrypted ? 'https' : 'http';
  }
  if (https) res.setHeader('strict-transport-security', STRICT_TRANSPORT_SECURITY);
}
