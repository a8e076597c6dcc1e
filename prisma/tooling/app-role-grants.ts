// The application's database role owns nothing and may only do what the app does: read and write
// the working tables, and only SELECT and INSERT on the append-only ones (the audit log, its seals,
// reports, case actions). Run as the owner role after every migration (npm start, npm run
// db:migrate, the test setup), so tables added later are covered too; ALTER DEFAULT PRIVILEGES
// covers tables the owner creates in between. See docs/decisions/0014.
import pg from 'pg';
import { runMigrations } from 'graphile-worker';

/** Tables nobody may change or remove rows from (their triggers refuse it too). */
export const APPEND_ONLY_TABLES = ['audit_entries', 'audit_seals', 'audit_keying', 'reports', 'case_actions'] as const;

export function appRoleOf(databaseUrl: string): string {
  const user = decodeURIComponent(new URL(databaseUrl).username);
  if (!user) throw new Error('DATABASE_URL names no user: the app role must be explicit');
  return user;
}

export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  // graphile-worker (webhook delivery) installs its schema on first run; do it here as the owner,
  // so the app role needs no CREATE privilege.
  await runMigrations({ connectionString: ownerUrl });
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const app = client.escapeIdentifier(appRole);
    const appendOnly = APPEND_ONLY_TABLES.map((t) => client.escapeIdentifier(t)).join(', ');
    await client.query(`
      GRANT USAGE ON SCHEMA public, graphile_worker TO ${app};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, graphile_worker TO ${app};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public, graphile_worker TO ${app};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${app};
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${appendOnly} FROM ${app};
      REVOKE INSERT ON audit_keying FROM ${app};
      REVOKE ALL ON _prisma_migrations FROM ${app};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app};
    `);
    // graphile-worker keeps row-level security on its private tables (only their owner passes);
    // a policy lets the app role use the job queue without owning it.
    const { rows } = await client.query<{ name: string }>(`
      SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'graphile_worker' AND c.relkind IN ('r', 'p') AND c.relrowsecurity`);
    for (const { name } of rows) {
      await client.query(`DROP POLICY IF EXISTS tc_app_access ON ${name}`);
      await client.query(`CREATE POLICY tc_app_access ON ${name} FOR ALL TO ${app} USING (true) WITH CHECK (true)`);
    }
  } finally {
    await client.end();
  }
}
