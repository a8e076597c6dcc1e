import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isMalformedTarget, refuseMalformedTarget } from '@/lib/http/request-target.js';
import { securityHeaders } from '@/lib/http/security-headers.js';

/** Issue 10, requirement 4: an undecodable path is a 400 with the security headers, not Next's bare 500. */
describe('isMalformedTarget', () => {
  it('refuses paths that cannot be percent-decoded to UTF-8', () => {
    for (const target of ['/report/received/%ED%A0%80', '/api/v1/reports/%ED%A0%80', '/x/%ZZ', '/%', '/a%C0%AFb', '/%FF', undefined, '']) {
      expect(isMalformedTarget(target), String(target)).toBe(true);
    }
  });

  it('lets through every decodable path, whatever its query string holds', () => {
    for (const target of ['/', '/report', '/report/received/TC-7K4M-9QX2', '/a%20b/%E2%9C%93', '/%00', '/report/status?reference=%ED%A0%80', '/x?%ZZ#%']) {
      expect(isMalformedTarget(target), target).toBe(false);
    }
  });
});

function fakeResponse() {
  const sent: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const res = Object.assign(new EventEmitter(), {
    writeHead(status: number, headers: Record<string, string>) {
      sent.status = status;
      sent.headers = headers;
    },
    end(body?: Buffer) {
      sent.body = body?.toString();
    },
  });
  return { res: res as unknown as ServerResponse, sent };
}

describe('refuseMalformedTarget', () => {
  it('answers a page with 400, an HTML page and every security header', () => {
    const { res, sent } = fakeResponse();
    refuseMalformedTarget({ url: '/report/received/%ED%A0%80', method: 'GET' } as IncomingMessage, res);
    expect(sent.status).toBe(400);
    expect(sent.headers?.['content-type']).toBe('text/html; charset=utf-8');
    for (const { key, value } of securityHeaders) expect(sent.headers?.[key]).toBe(value);
    expect(sent.body).toContain('This address is not valid');
  });

  it('answers an API path with JSON', () => {
    const { res, sent } = fakeResponse();
    refuseMalformedTarget({ url: '/api/v1/reports/%ED%A0%80', method: 'GET' } as IncomingMessage, res);
    expect(sent.status).toBe(400);
    expect(JSON.parse(sent.body!)).toEqual({ error: 'invalid_request', message: expect.stringContaining('path') });
  });
});
