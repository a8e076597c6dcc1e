import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config/schema';

const base = {
  DATABASE_URL: 'postgres://tc:pw@localhost:5432/tc',
  TC_SECRET_KEY: 'a'.repeat(32),
  NEXTAUTH_SECRET: 'b'.repeat(32),
};
const secret = 'w'.repeat(32);

describe('webhook configuration', () => {
  it('is off by default, with 8 attempts', () => {
    const config = parseConfig(base);
    expect(config.PLATFORM_WEBHOOK_URL).toBeUndefined();
    expect(config.WEBHOOK_MAX_ATTEMPTS).toBe(8);
    expect(parseConfig({ ...base, PLATFORM_WEBHOOK_URL: '' }).PLATFORM_WEBHOOK_URL).toBeUndefined();
  });

  it('accepts an http(s) URL with a secret of at least 32 characters', () => {
    const config = parseConfig({ ...base, PLATFORM_WEBHOOK_URL: 'https://platform.example/hooks/tc', PLATFORM_WEBHOOK_SECRET: secret, WEBHOOK_MAX_ATTEMPTS: '3' });
    expect(config.PLATFORM_WEBHOOK_URL).toBe('https://platform.example/hooks/tc');
    expect(config.WEBHOOK_MAX_ATTEMPTS).toBe(3);
  });

  it('requires the secret when the URL is set', () => {
    expect(() => parseConfig({ ...base, PLATFORM_WEBHOOK_URL: 'https://platform.example/hook' })).toThrow(/PLATFORM_WEBHOOK_SECRET.*required/);
  });

  it('refuses a short secret, a non-http URL and a bad attempt count', () => {
    expect(() => parseConfig({ ...base, PLATFORM_WEBHOOK_URL: 'https://p.example/h', PLATFORM_WEBHOOK_SECRET: 'short' })).toThrow(/PLATFORM_WEBHOOK_SECRET: .*32/);
    expect(() => parseConfig({ ...base, PLATFORM_WEBHOOK_URL: 'ftp://p.example/h', PLATFORM_WEBHOOK_SECRET: secret })).toThrow(/PLATFORM_WEBHOOK_URL/);
    expect(() => parseConfig({ ...base, PLATFORM_WEBHOOK_URL: 'not a url', PLATFORM_WEBHOOK_SECRET: secret })).toThrow(/PLATFORM_WEBHOOK_URL/);
    expect(() => parseConfig({ ...base, WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/WEBHOOK_MAX_ATTEMPTS/);
  });
});
