import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, clientIpFrom, keyedHash, sourceHashOf, sourceKeyOf } from '@/lib/security/client-source';

const h = (init: Record<string, string>) => new Headers(init);
const secret = 's'.repeat(32);

describe('clientIpFrom', () => {
  it('uses the header our server sets', () => {
    expect(CLIENT_IP_HEADER).toBe('x-tc-client-ip');
    expect(clientIpFrom(h({ 'x-tc-client-ip': '198.51.100.4' }), false)).toBe('198.51.100.4');
  });

  it('prefers the server header over X-Forwarded-For, even behind a trusted proxy', () => {
    const headers = h({ 'x-tc-client-ip': '198.51.100.4', 'x-forwarded-for': '203.0.113.9' });
    expect(clientIpFrom(headers, false)).toBe('198.51.100.4');
    expect(clientIpFrom(headers, true)).toBe('198.51.100.4');
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientIpFrom(h({ 'x-forwarded-for': '203.0.113.9' }), false)).toBe('unknown');
  });

  it('uses the right-most X-Forwarded-For entry when the proxy is trusted', () => {
    expect(clientIpFrom(h({ 'x-forwarded-for': '203.0.113.9' }), true)).toBe('203.0.113.9');
    // The left entries are the client's to forge.
    expect(clientIpFrom(h({ 'x-forwarded-for': '1.1.1.1, 10.0.0.1 ,  203.0.113.9 ' }), true)).toBe('203.0.113.9');
  });

  it('skips empty X-Forwarded-For entries', () => {
    expect(clientIpFrom(h({ 'x-forwarded-for': '1.1.1.1, 203.0.113.9, ,' }), true)).toBe('203.0.113.9');
    expect(clientIpFrom(h({ 'x-forwarded-for': ' , ' }), true)).toBe('unknown');
  });

  it('combines repeated X-Forwarded-For headers and still takes the last entry', () => {
    const headers = new Headers();
    headers.append('x-forwarded-for', '6.6.6.6');
    headers.append('x-forwarded-for', '203.0.113.9');
    expect(clientIpFrom(headers, true)).toBe('203.0.113.9');
  });

  it('says "unknown" with no headers', () => {
    expect(clientIpFrom(h({}), false)).toBe('unknown');
    expect(clientIpFrom(h({}), true)).toBe('unknown');
  });
});

describe('sourceKeyOf', () => {
  it('keeps an IPv4 address whole', () => {
    expect(sourceKeyOf('203.0.113.9')).toBe('v4:203.0.113.9');
    expect(sourceKeyOf('203.0.113.10')).not.toBe(sourceKeyOf('203.0.113.9'));
  });

  it('turns an IPv4-mapped IPv6 address into its IPv4 address', () => {
    expect(sourceKeyOf('::ffff:203.0.113.9')).toBe('v4:203.0.113.9');
    expect(sourceKeyOf('::ffff:cb00:7109')).toBe('v4:203.0.113.9');
  });

  it('folds IPv6 to its /64', () => {
    expect(sourceKeyOf('2001:db8:1:2:3:4:5:6')).toBe('v6:2001:db8:1:2::/64');
    expect(sourceKeyOf('2001:db8::1')).toBe('v6:2001:db8:0:0::/64');
  });

  it('gives every address of one /64 the same key, and different /64s different keys', () => {
    const a = sourceKeyOf('2001:db8:aa:bb::1');
    expect(sourceKeyOf('2001:db8:aa:bb:ffff:ffff:ffff:ffff')).toBe(a);
    expect(sourceKeyOf('2001:0DB8:00AA:00BB:0:0:0:2')).toBe(a);
    expect(sourceKeyOf('2001:db8:aa:bc::1')).not.toBe(a);
  });

  it('marks anything that is not an address as raw', () => {
    expect(sourceKeyOf('unknown')).toBe('raw:unknown');
    expect(sourceKeyOf('')).toBe('raw:');
    expect(sourceKeyOf('not an ip')).toBe('raw:not an ip');
  });
});

describe('keyedHash', () => {
  it('is HMAC-SHA256 of purpose NUL value, base64url', () => {
    const expected = createHmac('sha256', secret).update('source\u0000v4:1.2.3.4').digest('base64url');
    expect(keyedHash(secret, 'source', 'v4:1.2.3.4')).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is stable for the same inputs', () => {
    expect(keyedHash(secret, 'source', 'x')).toBe(keyedHash(secret, 'source', 'x'));
  });

  it('differs by secret', () => {
    expect(keyedHash(secret, 'source', 'x')).not.toBe(keyedHash('t'.repeat(32), 'source', 'x'));
  });

  it('differs by purpose', () => {
    expect(keyedHash(secret, 'source', 'x')).not.toBe(keyedHash(secret, 'reporter', 'x'));
  });

  it('differs by value', () => {
    expect(keyedHash(secret, 'source', 'x')).not.toBe(keyedHash(secret, 'source', 'y'));
  });

  it('does not contain the value', () => {
    expect(keyedHash(secret, 'source', 'v4:203.0.113.9')).not.toContain('203');
  });
});

describe('sourceHashOf', () => {
  it('hashes the source key under the "source" purpose', () => {
    expect(sourceHashOf(secret, '::ffff:203.0.113.9')).toBe(keyedHash(secret, 'source', 'v4:203.0.113.9'));
  });

  it('recognises the same IPv4 source in both notations and the same IPv6 /64', () => {
    expect(sourceHashOf(secret, '203.0.113.9')).toBe(sourceHashOf(secret, '::ffff:203.0.113.9'));
    expect(sourceHashOf(secret, '2001:db8:1:2::a')).toBe(sourceHashOf(secret, '2001:db8:1:2::b'));
    expect(sourceHashOf(secret, '2001:db8:1:2::a')).not.toBe(sourceHashOf(secret, '2001:db8:1:3::a'));
  });
});

describe('scripts/serve.mjs', () => {
  it('sets the same client-address header that lib/security/client-source.ts reads', async () => {
    const serve = await import('../../scripts/serve.mjs');
    const { CLIENT_IP_HEADER } = await import('@/lib/security/client-source');
    expect(serve.CLIENT_IP_HEADER).toBe(CLIENT_IP_HEADER);
  });
});
