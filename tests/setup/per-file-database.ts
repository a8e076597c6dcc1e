// Runs in every integration test file before its own imports: a private database copied from the
// migrated template, so files run in parallel without seeing each other's rows. DATABASE_URL is set
// here, at top level, because lib/db.ts reads it when first imported. DATABASE_URL is the app role,
// as in production; tests that play an attacker use TEST_OWNER_DATABASE_URL or
// TEST_SUPERUSER_DATABASE_URL (the same database as its owner, or as the superuser).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { withDatabase } from '../../prisma/tooling/database-url';
import { urlFor } from '../../scripts/lib/database-roles';
import { TEST_ROLES } from './provided';

const adminUrl = inject('pgAdminUrl');
const template = inject('pgTemplateDatabase');
const database = `tc_t_${randomBytes(6).toString('hex')}`;

await admin(async (client) => {
  await client.query(
    `CREATE DATABASE ${client.escapeIdentifier(database)} TEMPLATE ${client.escapeIdentifier(template)} OWNER ${client.escapeIdentifier(TEST_ROLES.owner.name)}`,
  );
});

// Files outside the database are per file too: audit checkpoints and the key that signs them.
const files = mkdtempSync(path.join(tmpdir(), 'tc-test-files-'));
process.env.AUDIT_CHECKPOINT_DIR = path.join(files, 'audit-checkpoints');
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(files, 'referral-signing-key.pem');
process.env.TEST_SUPERUSER_DATABASE_URL = withDatabase(adminUrl, database);
process.env.TEST_OWNER_DATABASE_URL = urlFor(withDatabase(adminUrl, database), TEST_ROLES.owner);
process.env.DATABASE_URL = urlFor(withDatabase(adminUrl, database), TEST_ROLES.app);

afterAll(async () => {
  // FORCE ends connections the file's Prisma client may still hold open.
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`));
});

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
