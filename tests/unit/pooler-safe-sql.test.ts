// Behind PgBouncer in transaction pooling mode consecutive transactions of one client may run on
// different server connections, so the app must keep no session state: no session advisory lock,
// no session SET or set_config(..., false), no LISTEN outside graphile-worker (which gets
// DATABASE_DIRECT_URL), no named prepared statements. tests/integration/pgbouncer.test.ts runs the
// main paths through a real pooler; this scan catches the constructs on paths it does not reach.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    if (statSync(path.join(root, rel)).isDirectory()) return filesUnder(rel, ext);
    return ext.test(name) ? [rel] : [];
  });
}

const SESSION_STATE: { what: string; pattern: RegExp }[] = [
  { what: 'a session advisory lock (use pg_try_advisory_xact_lock / pg_advisory_xact_lock)', pattern: /pg_(try_)?advisory_lock(_shared)?\s*\(/i },
  { what: 'a session SET (use SET LOCAL, or the pooler’s connect_query)', pattern: /[`'"][ \t]*SET[ \t]+(?!LOCAL\b)(SESSION[ \t]+)?[a-zA-Z_.]+[ \t]*(=|TO\b)/ },
  { what: 'set_config(..., false), which lasts for the session', pattern: /set_config\s*\([^)]*,\s*false\s*\)/i },
  { what: 'LISTEN, which needs a session (use DATABASE_DIRECT_URL)', pattern: /[`'"][ \t]*LISTEN[ \t]/ },
  { what: 'a named prepared statement', pattern: /statementNameGenerator|\bPREPARE[ \t]+\w+[ \t]*(AS\b|\()/ },
];

/** Every statement the app, the worker and the database functions run: lib/, scripts/ (not benchmarks) and the migrations. */
const sources = [
  ...filesUnder('lib', /\.ts$/),
  ...filesUnder('scripts', /\.(ts|mjs)$/).filter((f) => !f.startsWith(path.join('scripts', 'bench'))),
  ...filesUnder('app', /\.tsx?$/),
  ...filesUnder('prisma/migrations', /\.sql$/),
];

describe('no session state across transactions (PgBouncer transaction pooling)', () => {
  it('scans a real set of files', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources).toContain(path.join('lib', 'audit', 'seal.ts'));
  });

  it.each(SESSION_STATE)('nothing takes $what', ({ pattern }) => {
    const found = sources.filter((file) => pattern.test(readFileSync(path.join(root, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the patterns catch what they are meant to', () => {
    const samples = ['SELECT pg_advisory_lock(1)', '`SET statement_timeout = 5000`', "set_config('a', 'b', false)", "'LISTEN jobs'", 'PREPARE q AS SELECT 1'];
    for (const [i, sample] of samples.entries()) expect(SESSION_STATE[i]!.pattern.test(sample)).toBe(true);
    expect(SESSION_STATE[1]!.pattern.test("'SET search_path TO x'")).toBe(true);
    expect(SESSION_STATE[1]!.pattern.test("`SET LOCAL work_mem = '256MB'`")).toBe(false);
    expect(SESSION_STATE[1]!.pattern.test('UPDATE cases SET rescore_at = now()')).toBe(false);
    expect(SESSION_STATE[0]!.pattern.test('pg_try_advisory_xact_lock(1)')).toBe(false);
  });
});
