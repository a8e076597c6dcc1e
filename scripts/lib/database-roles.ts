// Two database roles (docs/decisions/0014): the owner, which runs migrations and owns every object,
// and the app, which owns nothing, may only SELECT and INSERT on the audit log and the other
// append-only tables, and cannot touch triggers or session_replication_role. Demo mode creates both
// on the embedded Postgres; the test setup and the benchmarks do the same; production creates them
// once by hand (README, "Database roles").
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { findGuardBypasses, guardBypassMessage } from '../../lib/audit/guard-bypass';
import { withDatabase } from '../../prisma/tooling/database-url';
import { appRoleOf, grantAppRole } from '../../prisma/tooling/app-role-grants';
import { applyMigrations } from '../../prisma/tooling/migrations';

export type RoleLogins = { owner: { name: string; password: string }; app: { name: string; password: string } };

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * As a superuser: creates (or re-passwords) both roles, makes the owner own `database` and every
 * object already in it (a demo database from before the split was owned by the superuser).
 */
export async function ensureDatabaseRoles(superuserUrl: string, database: string, roles: RoleLogins): Promise<void> {
  await withClient(withDatabase(superuserUrl, database), async (client) => {
    for (const role of [roles.owner, roles.app]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await client.query(
        `${verb} ROLE ${client.escapeIdentifier(role.name)} LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS NOREPLICATION PASSWORD ${client.escapeLiteral(role.password)}`,
      );
    }
    const owner = client.escapeIdentifier(roles.owner.name);
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} OWNER TO ${owner}`);
    await client.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, ${client.escapeLiteral(roles.owner.name)}) AS sql
                 FROM pg_namespace n WHERE n.nspname = 'graphile_worker'
                 UNION ALL
                 SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                               n.nspname, c.relname, ${client.escapeLiteral(roles.owner.name)})
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('public', 'graphile_worker') AND c.relkind IN ('r', 'p', 'v', 'm')
                   AND c.relowner <> ${client.escapeLiteral(roles.owner.name)}::regrole
                 UNION ALL
                 SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, ${client.escapeLiteral(roles.owner.name)})
                 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname IN ('public', 'graphile_worker') AND p.proowner <> ${client.escapeLiteral(roles.owner.name)}::regrole
                 UNION ALL
                 SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, ${client.escapeLiteral(roles.owner.name)})
                 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname IN ('public', 'graphile_worker') AND t.typtype IN ('e', 'd')
                   AND t.typowner <> ${client.escapeLiteral(roles.owner.name)}::regrole
        LOOP
          EXECUTE r.sql;
        END LOOP;
      END $$`);
  });
}

/** A login URL for `role` on the same server and database as `url`. */
export function urlFor(url: string, role: { name: string; password: string }): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role.name);
  parsed.password = encodeURIComponent(role.password);
  return parsed.toString();
}

/**
 * Demo mode: the embedded server's two roles (passwords kept in <dataDir>/database-roles.json,
 * 0600), and the app's environment pointed at them; checkpoints beside the data by default.
 */
export async function useDemoDatabaseRoles(env: NodeJS.ProcessEnv, dataDir: string): Promise<void> {
  const superuserUrl = env.DATABASE_URL!;
  const database = decodeURIComponent(new URL(superuserUrl).pathname.slice(1));
  const file = path.join(dataDir, 'database-roles.json');
  const saved: Partial<Record<'owner' | 'app', string>> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const roles: RoleLogins = {
    owner: { name: 'tc_owner', password: saved.owner ?? randomBytes(24).toString('base64url') },
    app: { name: 'tc_app', password: saved.app ?? randomBytes(24).toString('base64url') },
  };
  if (!saved.owner || !saved.app) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify({ owner: roles.owner.password, app: roles.app.password }, null, 2)}\n`, { mode: 0o600 });
  }
  await ensureDatabaseRoles(superuserUrl, database, roles);
  env.DATABASE_OWNER_URL = urlFor(superuserUrl, roles.owner);
  env.DATABASE_URL = urlFor(superuserUrl, roles.app);
  env.AUDIT_CHECKPOINT_DIR ??= path.join(dataDir, 'audit-checkpoints');
}

/**
 * Applies migrations as the owner (DATABASE_OWNER_URL, else DATABASE_URL), grants the app role
 * what it needs, then checks the app role cannot get around the audit guards: outside demo mode
 * a role that can is refused with a message saying what to change.
 */
export async function migrateDatabase(env: NodeJS.ProcessEnv): Promise<string[]> {
  const appUrl = env.DATABASE_URL!;
  const ownerUrl = env.DATABASE_OWNER_URL;
  const applied = await applyMigrations(ownerUrl ?? appUrl);
  if (ownerUrl) await grantAppRole(ownerUrl, appRoleOf(appUrl));
  const problems = await withClient(appUrl, (client) => findGuardBypasses(async (sql) => (await client.query(sql)).rows));
  if (problems.length > 0) {
    if (env.TC_DEMO !== '1') throw new Error(guardBypassMessage(problems));
    console.warn(`Demo mode: ${problems.join('; ')}`);
  }
  return applied;
}
