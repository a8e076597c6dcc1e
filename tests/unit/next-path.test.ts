import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from '@/lib/auth/next-path';
import { sameOriginRedirect } from '@/lib/auth/auth-options';

describe('safeNextPath', () => {
  it('keeps relative paths on this site, with query and fragment', () => {
    expect(safeNextPath('/console')).toBe('/console');
    expect(safeNextPath('/console/cases/abc?tab=notes#n1')).toBe('/console/cases/abc?tab=notes#n1');
    expect(safeNextPath('/console/../console/admin/staff')).toBe('/console/admin/staff');
  });

  it.each([
    undefined,
    null,
    42,
    '',
    'console',
    'https://evil.example/console',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/\tevil',
    '/%0d%0aSet-Cookie:x',
    // Dot segments that resolve to a protocol-relative path (the reported open redirect).
    '/a/..//evil.example/x',
    '/a/b/../..//evil.example/x',
    '/./..//evil.example',
    '/%2e%2e//evil.example',
    '/a/%2e%2e//evil.example',
    // Backslashes, raw and encoded, which browsers treat as slashes.
    '/\\\\evil.example',
    '/a/..\\evil.example',
    '/%5cevil.example',
    '/%5C%5Cevil.example',
    // Encoded slashes.
    '/%2f%2fevil.example',
    '/%2F/evil.example',
    '/a/..%2f%2fevil.example',
    // Tabs and line breaks (stripped by the URL parser), raw and encoded.
    '/%09/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/a/..//%09evil.example',
    // Mixed.
    '/a/../%5c/evil.example',
    '/a/..//\\evil.example',
    '/a/.%2e//evil.example',
    '/ /evil.example',
    '/@evil.example',
    '/sign-in',
    '/sign-in/two-factor',
    '/api/auth/signout',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (raw) => {
    const result = safeNextPath(raw);
    expect(result.startsWith('/') && !result.startsWith('//')).toBe(true);
    if (raw !== '/%0d%0aSet-Cookie:x' && raw !== '/@evil.example') expect(result).toBe(DEFAULT_AFTER_SIGN_IN);
    // Whatever comes back, a browser resolving it from this site stays on this site.
    expect(new URL(result, 'https://console.example').origin).toBe('https://console.example');
  });

  it('never lets encoded line breaks through as raw characters', () => {
    expect(safeNextPath('/%0d%0aSet-Cookie:x')).not.toMatch(/[\r\n]/);
  });
});

describe('sameOriginRedirect (next-auth redirect callback)', () => {
  const baseUrl = 'http://127.0.0.1:3270';
  it.each([
    ['/console/holds', `${baseUrl}/console/holds`],
    [`${baseUrl}/console/holds?x=1`, `${baseUrl}/console/holds?x=1`],
    ['/a/..//evil.example/x', `${baseUrl}/console`],
    ['//evil.example/x', `${baseUrl}/console`],
    ['https://evil.example/console', `${baseUrl}/console`],
    [`${baseUrl}/a/..//evil.example`, `${baseUrl}/console`],
    ['/%5cevil.example', `${baseUrl}/console`],
    ['not a url', `${baseUrl}/console`],
  ])('%j → %j', (url, expected) => {
    expect(sameOriginRedirect({ url, baseUrl })).toBe(expected);
  });
});
