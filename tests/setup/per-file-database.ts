// Runs in every integration test file before its own imports: a private database copied from the
// migrated template, so files run in parallel without seeing each other's rows. DATABASE_URL is set
// here, at top level, because lib/db.ts reads it when first imported.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { withDatabase } from '../../prisma/tooling/database-url';
import './provided';

const adminUrl = inject('pgAdminUrl');
const template = inject('pgTemplateDatabase');
const database = `tc_t_${randomBytes(6).toString('hex')}`;

await admin(async (client) => {
  await client.query(
    `CREATE DATABASE ${client.escapeIdentifier(database)} TEMPLATE ${client.escapeIdentifier(template)}`,
  );
});

process.env.DATABASE_URL = withDatabase(adminUrl, database);

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
