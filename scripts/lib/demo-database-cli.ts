// For CLIs run without DATABASE_URL (audit:verify): the demo database `npm start` keeps under
// .data/, reached as the demo app role with the demo secrets. If `npm start` is running, its
// Postgres is used (the port is in postmaster.pid); otherwise the cluster is started for the run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';

const root = path.resolve(import.meta.dirname, '..', '..');

export async function demoDatabaseForCli(dataDirOption?: string): Promise<{ stop: () => Promise<void> }> {
  const dataDir = path.resolve(dataDirOption ?? path.join(root, '.data'));
  const pgDir = path.join(dataDir, 'postgres');
  const secretsFile = path.join(dataDir, 'secrets.json');
  if (!existsSync(path.join(pgDir, 'PG_VERSION')) || !existsSync(secretsFile)) {
    throw new Error(`DATABASE_URL is not set and there is no demo database under ${dataDir} (run \`npm start\` once, or set DATABASE_URL).`);
  }
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
  const rolesFile = path.join(dataDir, 'database-roles.json');
  const roles = existsSync(rolesFile) ? (JSON.parse(readFileSync(rolesFile, 'utf8')) as { app?: string }) : {};

  let started: RunningPostgres | undefined;
  let port = runningPort(pgDir);
  if (port === null) {
    started = await startEmbeddedPostgres({ dataDir: pgDir, port: 0, persistent: true });
    port = started.port;
  }
  const login = roles.app ? `tc_app:${encodeURIComponent(roles.app)}` : 'postgres:postgres';
  Object.assign(process.env, {
    DATABASE_URL: `postgresql://${login}@127.0.0.1:${port}/triage`,
    TC_DEMO: '1',
    TC_SECRET_KEY: process.env.TC_SECRET_KEY ?? secrets.TC_SECRET_KEY,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.NEXTAUTH_SECRET,
  });
  process.env.REFERRAL_SIGNING_KEY_PATH ??= path.join(dataDir, 'referral-signing-key.pem');
  process.env.AUDIT_CHECKPOINT_DIR ??= path.join(dataDir, 'audit-checkpoints');
  return { stop: async () => started?.stop() };
}

/** The port of the postmaster `npm start` left running on this directory, if any (line 4 of postmaster.pid). */
function runningPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null; // stale file: nobody runs it
  }
  return Number.isInteger(port) && port > 0 ? port : null;
}
