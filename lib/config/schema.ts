import { z } from 'zod';

/** An empty variable means "use the default", as it does for flags. */
const blankAsUnset = (v: unknown) => (v === '' ? undefined : v);
const positiveInt = (fallback: number) => z.preprocess(blankAsUnset, z.coerce.number().int().positive().default(fallback));
const minutes = positiveInt;
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

const TARGET_HOURS = 'REFERRAL_TARGET_HOURS must be a whole number of hours from 1 to 720';

/** Every setting the app reads from the environment, validated once at start-up. */
export const ZEnvironment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Set by `npm start` when it runs on embedded Postgres: secrets may be generated and kept in .data/. */
  TC_DEMO: flag,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/./, 'DATABASE_URL must be a postgres:// or postgresql:// URL'),
  /** The owner role, for migrations only (prisma/tooling); DATABASE_URL is the app's least-privilege role. */
  DATABASE_OWNER_URL: z.preprocess(blankAsUnset, z.string().regex(/^postgres(ql)?:\/\/./, 'DATABASE_OWNER_URL must be a postgres:// or postgresql:// URL').optional()),
  /**
   * The app role straight to PostgreSQL, bypassing a transaction pooler, for what needs a session:
   * the worker's webhook delivery (graphile-worker LISTENs). Unset: DATABASE_URL (docs/deployment.md).
   */
  DATABASE_DIRECT_URL: z.preprocess(blankAsUnset, z.string().regex(/^postgres(ql)?:\/\/./, 'DATABASE_DIRECT_URL must be a postgres:// or postgresql:// URL').optional()),

  PLATFORM_NAME: z.string().min(1).default('Example Social'),
  PLATFORM_SLUG: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'PLATFORM_SLUG: lowercase letters, digits and dashes')
    .default('example-social'),
  /** Profile URL template; `{handle}` marks the handle, e.g. https://social.example/@{handle}. */
  PLATFORM_PROFILE_URL: z
    .string()
    .refine((v) => v.includes('{handle}'), 'PLATFORM_PROFILE_URL must contain {handle}')
    .default('https://social.example/@{handle}'),

  REPORTS_PER_MINUTE_PER_SOURCE: positiveInt(10),

  // Database trouble answers 503 in seconds instead of hanging requests (lib/db.ts, lib/db-outage.ts).
  /** How long to wait for a database connection (new or from the pool) before giving up. */
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(3_000),
  /** Longest statement; a startup parameter, never a session SET (behind PgBouncer the pooler's connect_query sets it: docs/deployment.md). */
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(5_000),
  /** The worker's longest statement (rollups and purges scan more than a request does). */
  WORKER_STATEMENT_TIMEOUT_MS: positiveInt(120_000),
  // The HTTP server's limits on slow clients (scripts/serve.mjs reads the same variables).
  /** Time to receive a request's headers. */
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(15_000),
  /** Time to receive a whole request, headers and body: a body trickled in byte by byte is cut off after this. */
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  TRUST_PROXY: flag,

  SLA_CRITICAL_MINUTES: minutes(60),
  SLA_HIGH_MINUTES: minutes(240),
  SLA_STANDARD_MINUTES: minutes(1440),

  /** Key for HMACs of client IPs and reporter fingerprints. At least 32 characters. */
  TC_SECRET_KEY: z.string().min(32, 'TC_SECRET_KEY must be at least 32 characters').optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters').optional(),

  // The audit log's integrity (lib/audit/, docs/decisions/0014).
  /** Root of the audit entry MAC and seal chain keys; defaults to TC_SECRET_KEY. Never give it to the database. */
  AUDIT_MAC_KEY: z.preprocess(blankAsUnset, z.string().min(32, 'AUDIT_MAC_KEY must be at least 32 characters').optional()),
  /** How often the worker writes a signed checkpoint of the chain outside the database. */
  AUDIT_CHECKPOINT_SECONDS: positiveInt(60),
  /** Directory of signed checkpoints (relative paths from the repo root). */
  AUDIT_CHECKPOINT_DIR: z.preprocess(blankAsUnset, z.string().default('.data/audit-checkpoints')),
  /** Optional URL each signed checkpoint is also POSTed to (a second place an attacker must reach). */
  AUDIT_CHECKPOINT_WEBHOOK_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, error: 'AUDIT_CHECKPOINT_WEBHOOK_URL must be an http(s) URL' }).optional()),

  /** Where the worker POSTs each decision (lib/platform/deliver-outbox-event.ts); unset: platforms poll. */
  PLATFORM_WEBHOOK_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, error: 'PLATFORM_WEBHOOK_URL must be an http(s) URL' }).optional()),
  /** HMAC key for X-TC-Signature; required with PLATFORM_WEBHOOK_URL. */
  PLATFORM_WEBHOOK_SECRET: z.preprocess(blankAsUnset, z.string().min(32, 'PLATFORM_WEBHOOK_SECRET must be at least 32 characters').optional()),
  WEBHOOK_MAX_ATTEMPTS: positiveInt(8),
  /** Days after a case closes before its reporters' contact details are purged (lib/retention/). */
  RETENTION_CONTACT_DAYS: positiveInt(90),
  /** Cases a moderator should review per day at most (exposure to harmful material); over it, supervisors are warned. */
  EXPOSURE_CAP_PER_DAY: positiveInt(80),
  /**
   * Account networks (lib/networks/): a piece of evidence (a link, a media hash, an IP address, a
   * mentioned or replaced handle) held by more accounts than this stops making links. Something that
   * many accounts share is a platform's home page, a meme or a shared network, not a ring.
   */
  NETWORK_MAX_ACCOUNTS_PER_EVIDENCE: positiveInt(50),

  // Referral packets for national hotlines (lib/referrals/).
  /** The organisation named as reporter in packets; defaults to PLATFORM_NAME. */
  REFERRAL_ORG_NAME: z.preprocess(blankAsUnset, z.string().max(200).optional()),
  REFERRAL_CONTACT_NAME: z.preprocess(blankAsUnset, z.string().max(200).optional()),
  /** NCMEC requires the reporting person's e-mail; exports refuse to run without it (demo mode uses a demo address). */
  REFERRAL_CONTACT_EMAIL: z.preprocess(blankAsUnset, z.email('REFERRAL_CONTACT_EMAIL must be an e-mail address').optional()),
  /** Ed25519 private key (PKCS#8 PEM) signing packet manifests; created 0600 on first use. Keep it outside the repo. */
  REFERRAL_SIGNING_KEY_PATH: z.preprocess(blankAsUnset, z.string().default('.data/referral-signing-key.pem')),
  /** NCMEC's CyberTipline XSD (not shipped); relative paths resolve from the repo root. */
  NCMEC_XSD_PATH: z.preprocess(blankAsUnset, z.string().default('../shared/ncmec/cyber_tipline.xsd')),
  /** Hotlines the router may choose, comma-separated (ncmec, uk_nca). */
  REFERRAL_HOTLINES: z.preprocess(blankAsUnset, z.string().regex(/^(ncmec|uk_nca)(,(ncmec|uk_nca))*$/, 'REFERRAL_HOTLINES: comma-separated ncmec, uk_nca').default('ncmec,uk_nca')),
  /** Direct submission to the CyberTipline API (submit, finish); off by default: packets are exported as files. */
  /** Hours from a case's first report within which each required referral should be acknowledged by its hotline; drives warnings. */
  REFERRAL_TARGET_HOURS: z.preprocess(blankAsUnset, z.coerce.number({ error: TARGET_HOURS }).int(TARGET_HOURS).min(1, TARGET_HOURS).max(720, TARGET_HOURS).default(24)),
  NCMEC_SUBMIT_ENABLED: flag,
  NCMEC_API_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  NCMEC_API_USERNAME: z.preprocess(blankAsUnset, z.string().optional()),
  NCMEC_API_PASSWORD: z.preprocess(blankAsUnset, z.string().optional()),
}).refine((env) => !env.PLATFORM_WEBHOOK_URL || env.PLATFORM_WEBHOOK_SECRET, {
  path: ['PLATFORM_WEBHOOK_SECRET'],
  message: 'PLATFORM_WEBHOOK_SECRET is required when PLATFORM_WEBHOOK_URL is set',
}).refine((env) => env.HTTP_HEADERS_TIMEOUT_MS <= env.HTTP_REQUEST_TIMEOUT_MS, {
  path: ['HTTP_HEADERS_TIMEOUT_MS'],
  message: 'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
});

export type TEnvironment = z.infer<typeof ZEnvironment>;

/** The validated configuration the app uses; secrets are guaranteed present. */
export type AppConfig = Omit<TEnvironment, 'TC_SECRET_KEY' | 'NEXTAUTH_SECRET'> & {
  TC_SECRET_KEY: string;
  NEXTAUTH_SECRET: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment into AppConfig, or throws a ConfigError that names every problem. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = ZEnvironment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const missing = (['TC_SECRET_KEY', 'NEXTAUTH_SECRET'] as const).filter((k) => !config[k]);
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing secret${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ` +
        'Set each to a random value of at least 32 characters (e.g. `openssl rand -base64 48`). ' +
        '`npm start` without DATABASE_URL runs in demo mode and generates them under .data/.',
    );
  }
  return config as AppConfig;
}
