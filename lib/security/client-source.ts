import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/** Header set by our server (scripts/serve.mjs) from the socket or the trusted proxy; clients cannot set it. */
export const CLIENT_IP_HEADER = 'x-tc-client-ip';

/**
 * The client address the request came from. Our server overwrites CLIENT_IP_HEADER on every
 * request, so it is the one to believe; X-Forwarded-For is used only when TRUST_PROXY=1, and then
 * its right-most entry (the one our own proxy appended), because everything left of it is the
 * client's to forge.
 */
export function clientIpFrom(headers: Headers, trustProxy: boolean): string {
  const fromServer = headers.get(CLIENT_IP_HEADER);
  if (fromServer) return fromServer;
  if (trustProxy) {
    const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    const last = forwarded?.at(-1);
    if (last) return last;
  }
  return 'unknown';
}

/**
 * IPv6 clients usually own a whole /64, so an address is folded to its /64 before hashing; IPv4
 * (and IPv4-mapped IPv6) stays whole.
 */
export function sourceKeyOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return `raw:${ip}`;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  if (addr.kind() === 'ipv4') return `v4:${addr.toString()}`;
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `v6:${parts.join(':')}::/64`;
}

/** Keyed hash (HMAC-SHA256) so raw IPs are never stored but the same source is recognisable. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('base64url');
}

export function sourceHashOf(secret: string, ip: string): string {
  return keyedHash(secret, 'source', sourceKeyOf(ip));
}
