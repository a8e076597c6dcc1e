import { describe, expect, it } from 'vitest';
import { isForgedActionOrigin } from '@/lib/http/action-origin.js';

const action = (headers: Record<string, string>, url = '/console/admin/staff') => ({
  method: 'POST',
  url,
  headers: { host: 'console.example', 'next-action': '7f00aa', 'content-type': 'text/plain;charset=UTF-8', ...headers },
});

describe('isForgedActionOrigin (scripts/serve.mjs answers these 403 before Next, which would answer 500)', () => {
  it('lets a same-origin action through, and one without Origin, as Next does', () => {
    expect(isForgedActionOrigin(action({ origin: 'https://console.example' }), { trustProxy: false })).toBe(false);
    expect(isForgedActionOrigin(action({}), { trustProxy: false })).toBe(false);
  });

  it('refuses another site, the null origin and an Origin that is not a URL', () => {
    for (const origin of ['https://evil.example', 'https://console.example.evil.example', 'null', 'garbage', 'http://[::1', '']) {
      expect(isForgedActionOrigin(action({ origin }), { trustProxy: false }), origin).toBe(true);
    }
  });

  it('covers no-JavaScript form posts (multipart and urlencoded) as well as fetch actions', () => {
    for (const contentType of ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const req = { method: 'POST', url: '/console', headers: { host: 'console.example', origin: 'https://evil.example', 'content-type': contentType } };
      expect(isForgedActionOrigin(req, { trustProxy: false }), contentType).toBe(true);
    }
  });

  it('leaves alone what is not a server action: GET, JSON posts, route handlers under /api/', () => {
    expect(isForgedActionOrigin({ ...action({ origin: 'https://evil.example' }), method: 'GET' }, { trustProxy: false })).toBe(false);
    const json = { method: 'POST', url: '/console', headers: { host: 'console.example', origin: 'https://evil.example', 'content-type': 'application/json' } };
    expect(isForgedActionOrigin(json, { trustProxy: false })).toBe(false);
    expect(isForgedActionOrigin(action({ origin: 'https://evil.example' }, '/api/v1/reports'), { trustProxy: false })).toBe(false);
  });

  it('reads X-Forwarded-Host only behind a trusted proxy', () => {
    const forwarded = action({ origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' });
    expect(isForgedActionOrigin(forwarded, { trustProxy: false })).toBe(true);
    expect(isForgedActionOrigin(forwarded, { trustProxy: true })).toBe(false);
    const proxied = action({ origin: 'https://public.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'public.example, inner' });
    expect(isForgedActionOrigin(proxied, { trustProxy: true })).toBe(false);
  });
});
