// The migration history is the only way schema changes reach a database, and reported media must
// never be stored. These checks keep both true in CI.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, diffMigrationsToSchema, readMigrationsList, schemaPath } from '@/prisma/tooling/migrations';

// Migrations are the owner's business (the app role may not even read _prisma_migrations); the
// drift check makes a shadow database, which needs CREATEDB: the superuser's.
const databaseUrl = () => {
  const url = process.env.TEST_SUPERUSER_DATABASE_URL;
  if (!url) throw new Error('TEST_SUPERUSER_DATABASE_URL is set by tests/setup/per-file-database.ts');
  return url;
};
const ownerUrl = () => process.env.TEST_OWNER_DATABASE_URL!;

describe('schema and migrations', () => {
  it('prisma/migrations reproduces prisma/schema.prisma exactly', async () => {
    const sql = await diffMigrationsToSchema(databaseUrl());
    expect(sql, 'Schema changed without a migration: run `npm run db:migrate:dev -- --name <slug>`').toBe('');
  });

  it('the drift check is not vacuous: a schema change is reported', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tc-drift-'));
    try {
      const changed = path.join(dir, 'schema.prisma');
      const probe = '\nmodel TcDriftProbe {\n  id Int @id\n}\n';
      await writeFile(changed, (await readFile(schemaPath, 'utf8')) + probe);
      const sql = await diffMigrationsToSchema(databaseUrl(), { schemaPath: changed });
      expect(sql).toContain('CREATE TABLE "TcDriftProbe"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('applying migrations again applies nothing', async () => {
    const { migrationDirectories } = await readMigrationsList();
    expect(migrationDirectories.length).toBeGreaterThan(0);
    expect(await applyMigrations(ownerUrl())).toEqual([]);
  });
});

describe('no stored media', () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('no column in schema public can hold bytes', async () => {
    // bytea itself, arrays of it, and domains over either; also `oid`/`lo` columns, which are how
    // a table points at a large object.
    const { rows } = await client.query<{ column: string; type: string }>(`
      SELECT c.relname || '.' || a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_type base ON base.oid = t.typbasetype
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
        AND a.attnum > 0 AND NOT a.attisdropped
        AND ('bytea' IN (t.typname, base.typname) OR '_bytea' IN (t.typname, base.typname)
             OR t.typname IN ('oid', 'lo') OR base.typname IN ('oid', 'lo'))`);
    expect(rows).toEqual([]);
  });

  it('the database holds no large objects and no public function creates one', async () => {
    const objects = await client.query('SELECT count(*)::int AS n FROM pg_largeobject_metadata');
    expect(objects.rows[0].n).toBe(0);
    const { rows } = await client.query<{ name: string }>(`
      SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosrc ~* '\\mlo_(import|create|creat|from_bytea|put|open)\\M'`);
    expect(rows).toEqual([]);
  });
});
