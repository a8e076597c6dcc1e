import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { assertSameOrigin } from '@/lib/http/same-origin';

const base = {
  DATABASE_URL: 'postgres://tc:pw@localhost:5432/tc',
  TC_SECRET_KEY: 'a'.repeat(32),
  NEXTAUTH_SECRET: 'b'.repeat(48),
};
const post = (headers: Record<string, string>) =>
  new Request('http://0.0.0.0:3000/api/v1/referrals/x/export', { method: 'POST', headers });

describe('assertSameOrigin', () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    resetConfigForTests();
  });
  beforeEach(() => {
    Object.assign(process.env, base, { TRUST_PROXY: '0' });
    resetConfigForTests();
  });

  it('accepts the browser origin matching the Host it used, whatever the bind address', () => {
    expect(() => assertSameOrigin(post({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).not.toThrow();
  });

  it('refuses another site, a null origin and a forged X-Forwarded-Host without a trusted proxy', () => {
    expect(() => assertSameOrigin(post({ origin: 'https://evil.example', host: 'localhost:3000' }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(post({ origin: 'null', host: 'localhost:3000' }))).toThrow(/Cross-site/);
    expect(() =>
      assertSameOrigin(post({ origin: 'https://evil.example', host: 'localhost:3000', 'x-forwarded-host': 'evil.example' })),
    ).toThrow(/Cross-site/);
  });

  it('uses X-Forwarded-Host behind a trusted proxy', () => {
    process.env.TRUST_PROXY = '1';
    resetConfigForTests();
    expect(() =>
      assertSameOrigin(post({ origin: 'https://console.example', host: '10.0.0.5:3000', 'x-forwarded-host': 'console.example' })),
    ).not.toThrow();
  });
});
