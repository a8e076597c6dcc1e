// Once per integration run: a Postgres server (TEST_DATABASE_URL's, else an embedded one in a fresh
// directory), and a template database with every migration applied. Per-file databases are copied
// from it (tests/setup/per-file-database.ts), which takes milliseconds instead of re-migrating.
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { withDatabase } from '../../prisma/tooling/database-url';
import { applyMigrations, repoRoot } from '../../prisma/tooling/migrations';
import {
  removeAbandonedClusters,
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../../scripts/lib/embedded-postgres';
import { ensureDatabaseRoles, urlFor } from '../../scripts/lib/database-roles';
import { appRoleOf, grantAppRole } from '../../prisma/tooling/app-role-grants';
import { TEMPLATE_DATABASE, TEST_ROLES } from './provided';

const CLUSTER_PREFIX = 'pg-';

export default async function setup(project: TestProject) {
  let server: RunningPostgres | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const base = path.join(repoRoot, '.test-data');
    await mkdir(base, { recursive: true });
    await removeAbandonedClusters(base, CLUSTER_PREFIX);
    server = await startEmbeddedPostgres({
      dataDir: await mkdtemp(path.join(base, CLUSTER_PREFIX)),
      port: 0,
      persistent: false,
      // Throwaway data: durability only costs time here.
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    });
    adminUrl = server.adminUrl();
  }

  try {
    // As in production: the owner role migrates, the app role (every test's DATABASE_URL) owns nothing.
    await recreateDatabase(adminUrl, TEMPLATE_DATABASE);
    await ensureDatabaseRoles(adminUrl, TEMPLATE_DATABASE, TEST_ROLES);
    const templateUrl = withDatabase(adminUrl, TEMPLATE_DATABASE);
    await applyMigrations(urlFor(templateUrl, TEST_ROLES.owner));
    await grantAppRole(urlFor(templateUrl, TEST_ROLES.owner), appRoleOf(urlFor(templateUrl, TEST_ROLES.app)));
  } catch (error) {
    await server?.stop();
    throw error;
  }

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplateDatabase', TEMPLATE_DATABASE);

  return async () => {
    await server?.stop();
  };
}

/** A leftover template from an earlier run may predate new migrations; start clean every time. */
async function recreateDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const id = client.escapeIdentifier(name);
    await client.query(`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${id}`);
  } finally {
    await client.end();
  }
}
