/**
 * Can the role the app connects as get around the audit log's guards? It must not be a superuser
 * or have BYPASSRLS, must not own (or be able to become the owner of) the append-only tables or
 * their trigger function, which would let it ALTER/DROP the triggers, must not be able to SET
 * session_replication_role (which switches triggers off), and must not hold UPDATE, DELETE or
 * TRUNCATE on those tables. Works on any query runner (pg or Prisma), so the server, the worker and
 * `npm start` share it. Returns one sentence per way around the guards; none is the goal.
 */
export type QueryRows = (sql: string) => Promise<Record<string, unknown>[]>;

const GUARDED = ['audit_entries', 'audit_seals', 'audit_keying', 'reports', 'case_actions'];
const GUARDED_LIST = GUARDED.map((t) => `'${t}'`).join(', ');

export async function findGuardBypasses(query: QueryRows): Promise<string[]> {
  const [role] = await query(`
    SELECT current_user::text AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
           current_setting('server_version_num')::int AS version
    FROM pg_roles r WHERE r.rolname = current_user`);
  if (!role) return ['the current role is not in pg_roles'];
  const problems: string[] = [];
  const name = String(role.name);
  if (role.superuser) problems.push(`role ${name} is a superuser`);
  if (role.bypassrls) problems.push(`role ${name} has BYPASSRLS`);
  if (!role.superuser && Number(role.version) >= 150000) {
    const [param] = await query(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS can_set`);
    if (param?.can_set) problems.push(`role ${name} may SET session_replication_role (which disables triggers)`);
  }
  const owned = await query(`
    SELECT c.relname::text AS object FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname IN (${GUARDED_LIST})
      AND pg_has_role(current_user, c.relowner, 'MEMBER')
    UNION ALL
    SELECT p.proname::text || '()' FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND p.proname = 'tc_refuse_change' AND pg_has_role(current_user, p.proowner, 'MEMBER')
    ORDER BY 1`);
  if (owned.length > 0) {
    problems.push(`role ${name} owns (or may act as the owner of) ${owned.map((o) => String(o.object)).join(', ')}, so it can ALTER or DROP their triggers`);
  }
  const writable = await query(`
    SELECT t.name || ':' || p.privilege AS grant FROM unnest(ARRAY[${GUARDED_LIST}]) AS t(name)
    CROSS JOIN unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE']) AS p(privilege)
    WHERE to_regclass('public.' || t.name) IS NOT NULL AND has_table_privilege(('public.' || t.name)::regclass, p.privilege)
    ORDER BY 1`);
  if (writable.length > 0 && !role.superuser) {
    problems.push(`role ${name} holds ${writable.map((w) => String(w.grant).replace(':', ' ')).join(', ')} on append-only tables`);
  }
  return problems;
}

/** The message that stops the app outside demo mode. */
export function guardBypassMessage(problems: string[]): string {
  return [
    'Refusing to start: the database role in DATABASE_URL can get around the audit log\'s guards:',
    ...problems.map((p) => `  - ${p}`),
    'Connect the app as a role that owns nothing (README: "Database roles"); run migrations with DATABASE_OWNER_URL.',
  ].join('\n');
}
