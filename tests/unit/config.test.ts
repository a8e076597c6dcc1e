import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config/schema';

const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(48);
const base = {
  DATABASE_URL: 'postgres://tc:pw@localhost:5432/tc',
  TC_SECRET_KEY: SECRET_A,
  NEXTAUTH_SECRET: SECRET_B,
};

function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected parseConfig to throw');
}

describe('parseConfig: defaults', () => {
  it('fills every default from a minimal environment', () => {
    expect(parseConfig(base)).toEqual({
      ...base,
      NODE_ENV: 'development',
      TC_DEMO: false,
      PLATFORM_NAME: 'Example Social',
      PLATFORM_SLUG: 'example-social',
      PLATFORM_PROFILE_URL: 'https://social.example/@{handle}',
      REPORTS_PER_MINUTE_PER_SOURCE: 10,
      DATABASE_CONNECT_TIMEOUT_MS: 3_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 5_000,
      WORKER_STATEMENT_TIMEOUT_MS: 120_000,
      HTTP_HEADERS_TIMEOUT_MS: 15_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      TRUST_PROXY: false,
      SLA_CRITICAL_MINUTES: 60,
      SLA_HIGH_MINUTES: 240,
      SLA_STANDARD_MINUTES: 1440,
      WEBHOOK_MAX_ATTEMPTS: 8,
      EXPOSURE_CAP_PER_DAY: 80,
      NETWORK_MAX_ACCOUNTS_PER_EVIDENCE: 50,
      RETENTION_CONTACT_DAYS: 90,
      NCMEC_SUBMIT_ENABLED: false,
      NCMEC_XSD_PATH: '../shared/ncmec/cyber_tipline.xsd',
      REFERRAL_HOTLINES: 'ncmec,uk_nca',
      REFERRAL_TARGET_HOURS: 24,
      REFERRAL_SIGNING_KEY_PATH: '.data/referral-signing-key.pem',
      AUDIT_CHECKPOINT_SECONDS: 60,
      AUDIT_CHECKPOINT_DIR: '.data/audit-checkpoints',
    });
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => parseConfig({ ...base, HTTP_HEADERS_TIMEOUT_MS: '60000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
    expect(() => parseConfig({ ...base, DATABASE_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });

  it('refuses an audit MAC key shorter than 32 characters and a checkpoint webhook that is not http(s)', () => {
    expect(errorOf({ ...base, AUDIT_MAC_KEY: 'short' }).message).toContain('AUDIT_MAC_KEY must be at least 32 characters');
    expect(errorOf({ ...base, AUDIT_CHECKPOINT_WEBHOOK_URL: 'ftp://x.example/' }).message).toContain('AUDIT_CHECKPOINT_WEBHOOK_URL');
  });

  it('takes a referral target of 1 to 720 whole hours, and refuses anything else by name', () => {
    expect(parseConfig({ ...base, REFERRAL_TARGET_HOURS: '48' }).REFERRAL_TARGET_HOURS).toBe(48);
    expect(parseConfig({ ...base, REFERRAL_TARGET_HOURS: '' }).REFERRAL_TARGET_HOURS).toBe(24);
    for (const bad of ['0', '721', '1.5', 'soon', '-3']) {
      expect(errorOf({ ...base, REFERRAL_TARGET_HOURS: bad }).message).toContain('REFERRAL_TARGET_HOURS must be a whole number of hours from 1 to 720');
    }
  });

  it('ignores unrelated environment variables', () => {
    const config = parseConfig({ ...base, PATH: '/usr/bin', HOME: '/root' });
    expect(config).not.toHaveProperty('PATH');
  });
});

describe('parseConfig: secrets', () => {
  it('names both secrets when both are missing', () => {
    const error = errorOf({ DATABASE_URL: base.DATABASE_URL });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Missing secrets: TC_SECRET_KEY, NEXTAUTH_SECRET\./);
  });

  it('names the one missing secret, singular', () => {
    const error = errorOf({ ...base, NEXTAUTH_SECRET: undefined });
    expect(error.message).toMatch(/^Missing secret: NEXTAUTH_SECRET\./);
    expect(error.message).not.toContain('TC_SECRET_KEY');
    expect(errorOf({ ...base, TC_SECRET_KEY: undefined }).message).toMatch(/^Missing secret: TC_SECRET_KEY\./);
  });

  it('refuses a secret shorter than 32 characters', () => {
    const error = errorOf({ ...base, TC_SECRET_KEY: 'a'.repeat(31) });
    expect(error.message).toContain('TC_SECRET_KEY: TC_SECRET_KEY must be at least 32 characters');
    expect(errorOf({ ...base, NEXTAUTH_SECRET: 'short' }).message).toContain(
      'NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters',
    );
  });

  it('accepts secrets of exactly 32 characters', () => {
    expect(parseConfig({ ...base, NEXTAUTH_SECRET: 'n'.repeat(32) }).NEXTAUTH_SECRET).toBe('n'.repeat(32));
  });
});

describe('parseConfig: validation', () => {
  it('requires DATABASE_URL', () => {
    const error = errorOf({ ...base, DATABASE_URL: undefined });
    expect(error.message).toMatch(/^Invalid configuration:\n/);
    expect(error.message).toContain('DATABASE_URL');
  });

  it('refuses a DATABASE_URL that is not a URL', () => {
    expect(errorOf({ ...base, DATABASE_URL: 'not a url' }).message).toContain(
      'DATABASE_URL: DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
  });

  it('refuses a PLATFORM_PROFILE_URL without {handle}', () => {
    const error = errorOf({ ...base, PLATFORM_PROFILE_URL: 'https://social.example/@' });
    expect(error.message).toContain('PLATFORM_PROFILE_URL: PLATFORM_PROFILE_URL must contain {handle}');
  });

  it('accepts a PLATFORM_PROFILE_URL with {handle}', () => {
    expect(parseConfig({ ...base, PLATFORM_PROFILE_URL: 'https://x.example/u/{handle}/profile' }).PLATFORM_PROFILE_URL).toBe(
      'https://x.example/u/{handle}/profile',
    );
  });

  it('refuses a bad PLATFORM_SLUG', () => {
    expect(errorOf({ ...base, PLATFORM_SLUG: 'Example Social' }).message).toContain(
      'PLATFORM_SLUG: lowercase letters, digits and dashes',
    );
  });

  it('refuses an unknown NODE_ENV', () => {
    expect(errorOf({ ...base, NODE_ENV: 'staging' }).message).toContain('NODE_ENV');
  });

  it('lists every problem at once, one per line', () => {
    const error = errorOf({
      ...base,
      DATABASE_URL: undefined,
      PLATFORM_PROFILE_URL: 'https://social.example/',
      SLA_HIGH_MINUTES: 'soon',
    });
    const lines = error.message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.startsWith('  - '))).toBe(true);
    expect(lines.map((l) => l.slice(4).split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'PLATFORM_PROFILE_URL',
      'SLA_HIGH_MINUTES',
    ]);
  });
});

describe('parseConfig: numbers and flags', () => {
  it('coerces numeric strings', () => {
    const config = parseConfig({
      ...base,
      REPORTS_PER_MINUTE_PER_SOURCE: '25',
      SLA_CRITICAL_MINUTES: '30',
      SLA_HIGH_MINUTES: ' 120 ',
      SLA_STANDARD_MINUTES: '2880',
    });
    expect(config.REPORTS_PER_MINUTE_PER_SOURCE).toBe(25);
    expect(config.SLA_CRITICAL_MINUTES).toBe(30);
    expect(config.SLA_HIGH_MINUTES).toBe(120);
    expect(config.SLA_STANDARD_MINUTES).toBe(2880);
  });

  it('refuses non-numbers, zero, negatives and fractions', () => {
    for (const value of ['abc', '0', '-5', '1.5']) {
      expect(errorOf({ ...base, SLA_CRITICAL_MINUTES: value }).message, value).toContain('SLA_CRITICAL_MINUTES');
      expect(errorOf({ ...base, REPORTS_PER_MINUTE_PER_SOURCE: value }).message, value).toContain(
        'REPORTS_PER_MINUTE_PER_SOURCE',
      );
    }
  });

  it('reads flags from 1/true/0/false/empty', () => {
    expect(parseConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(true);
    expect(parseConfig({ ...base, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseConfig({ ...base, TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(parseConfig({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseConfig({ ...base, TRUST_PROXY: '' }).TRUST_PROXY).toBe(false);
    expect(parseConfig({ ...base, TC_DEMO: '1' }).TC_DEMO).toBe(true);
  });

  it('refuses any other flag value rather than guessing', () => {
    expect(errorOf({ ...base, TRUST_PROXY: 'yes' }).message).toContain('TRUST_PROXY');
  });
});

describe('DATABASE_DIRECT_URL', () => {
  it('is optional, must be a postgres URL, and loses its password in the audited snapshot', async () => {
    const { configSnapshot } = await import('@/lib/config/snapshot');
    expect(parseConfig(base).DATABASE_DIRECT_URL).toBeUndefined();
    expect(errorOf({ ...base, DATABASE_DIRECT_URL: 'mysql://x' }).message).toContain('DATABASE_DIRECT_URL must be a postgres://');
    const config = parseConfig({ ...base, DATABASE_DIRECT_URL: 'postgresql://tc_app:direct-secret@db:5432/tc' });
    const snapshot = configSnapshot(config);
    expect(snapshot.DATABASE_DIRECT_URL).toBe('postgresql://tc_app:***@db:5432/tc');
    expect(JSON.stringify(snapshot)).not.toContain('direct-secret');
  });
});
