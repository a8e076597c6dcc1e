import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyForwardedHeaders } from '@/lib/http/forwarded-headers.js';
import { contentSecurityPolicy, requestIsHttps } from '@/lib/http/security-headers.js';

function fake(headers: Record<string, string>, encrypted = false) {
  const set: Record<string, string> = {};
  const req = { headers: { ...headers }, socket: { encrypted } } as unknown as IncomingMessage;
  const res = { setHeader: (k: string, v: string) => void (set[k.toLowerCase()] = v) } as unknown as ServerResponse;
  return { req, res, set };
}

const forged = { host: 'console.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9', forwarded: 'host=evil.example' };

describe('forwarded headers (scripts/serve.mjs)', () => {
  it('without TRUST_PROXY: drops X-Forwarded-Host/-For and Forwarded, sets the protocol from the socket, no HSTS', () => {
    const { req, res, set } = fake(forged);
    applyForwardedHeaders(req, res, false);
    expect(req.headers).toEqual({ host: 'console.example', 'x-forwarded-proto': 'http' });
    expect(set['strict-transport-security']).toBeUndefined();
  });

  it('with TRUST_PROXY: keeps the proxy’s headers and sends HSTS when it says https', () => {
    const { req, res, set } = fake(forged);
    applyForwardedHeaders(req, res, true);
    expect(req.headers['x-forwarded-host']).toBe('evil.example');
    expect(set['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    const plain = fake({ ...forged, 'x-forwarded-proto': 'http' });
    applyForwardedHeaders(plain.req, plain.res, true);
    expect(plain.set['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS for a TLS socket whatever the headers say', () => {
    const { req, res, set } = fake({ host: 'console.example' }, true);
    applyForwardedHeaders(req, res, false);
    expect(req.headers['x-forwarded-proto']).toBe('https');
    expect(set['strict-transport-security']).toBeDefined();
    expect(requestIsHttps({ encrypted: false, forwardedProto: 'https, http', trustProxy: true })).toBe(true);
  });
});

describe('content security policy', () => {
  it('allows scripts only by nonce, never unsafe-inline; without a nonce none at all', () => {
    const script = (p: string) => p.split('; ').find((d) => d.startsWith('script-src'));
    expect(script(contentSecurityPolicy({ nonce: 'abc123' }))).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(script(contentSecurityPolicy())).toBe("script-src 'none'");
    expect(contentSecurityPolicy({ nonce: 'x' })).toContain("frame-ancestors 'none'");
  });
});
