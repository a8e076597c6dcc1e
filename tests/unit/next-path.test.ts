import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from '@/lib/auth/next-path';

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
    '/sign-in',
    '/sign-in/two-factor',
    '/api/auth/signout',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (raw) => {
    const result = safeNextPath(raw);
    expect(result.startsWith('/') && !result.startsWith('//')).toBe(true);
    if (raw !== '/%0d%0aSet-Cookie:x') expect(result).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('never lets encoded line breaks through as raw characters', () => {
    expect(safeNextPath('/%0d%0aSet-Cookie:x')).not.toMatch(/[\r\n]/);
  });
});
