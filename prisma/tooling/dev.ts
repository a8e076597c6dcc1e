// `npm run db:migrate:dev -- --name <slug>`: writes the next migration from the difference between
// the migration history and prisma/schema.prisma (= `prisma migrate dev --create-only`). Needs only
// a Postgres server for a shadow database: DATABASE_URL's if set, else a throwaway embedded one.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { fail, loadDotEnv } from './env';
import { migrationDirName } from './migration-name';
import { diffMigrationsToSchema, lockfileContent, lockfileName, migrationsDir, repoRoot } from './migrations';

const { values } = parseArgs({ options: { name: { type: 'string', short: 'n' } } });
if (!values.name) fail('Usage: npm run db:migrate:dev -- --name <slug>');
const dirName = migrationDirName(values.name, new Date());

loadDotEnv();
try {
  const sql = await withServer(diffMigrationsToSchema);
  if (sql === '') {
    console.log('Schema and migrations agree; nothing written.');
  } else {
    const target = path.join(migrationsDir, dirName);
    if (existsSync(target)) fail(`${path.relative(repoRoot, target)} already exists`);
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, 'migration.sql'), sql);
    const lockfile = path.join(migrationsDir, lockfileName);
    if (!existsSync(lockfile)) await writeFile(lockfile, lockfileContent);
    console.log(`Wrote ${path.relative(repoRoot, path.join(target, 'migration.sql'))}`);
    console.log('Review it (add hand-written SQL if needed), then apply with `npm run db:migrate`.');
  }
} catch (error) {
  fail(error);
}

async function withServer<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return fn(databaseUrl);
  console.log('DATABASE_URL is not set; using a throwaway embedded Postgres for the shadow database.');
  const server = await startEmbeddedPostgres({
    dataDir: await mkdtemp(path.join(tmpdir(), 'tc-migrate-dev-')),
    port: 0,
    persistent: false,
  });
  try {
    return await fn(server.adminUrl());
  } finally {
    await server.stop();
  }
}
