// PgBouncer in transaction pooling mode in front of the test Postgres, for tests that prove the app
// keeps no session state across transactions. Debian's `pgbouncer` package; where it is absent the
// tests are skipped with the reason printed, and with TC_REQUIRE_PGBOUNCER=1 (set by .ci/run) its
// absence fails the run instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const candidates = [process.env.PGBOUNCER_PATH, '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].filter((p): p is string => !!p);
export const pgbouncerBinary = candidates.find((file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});
export const PGBOUNCER_SKIP_REASON =
  'SKIPPED (needs PgBouncer): no pgbouncer binary (apt-get install -y pgbouncer, or set PGBOUNCER_PATH). Set TC_REQUIRE_PGBOUNCER=1 to make its absence fail the run instead.';
if (!pgbouncerBinary && process.env.TC_REQUIRE_PGBOUNCER === '1') {
  throw new Error('TC_REQUIRE_PGBOUNCER=1, so the PgBouncer tests must run, but no pgbouncer binary was found (apt-get install -y pgbouncer).');
}

export type PgbouncerDatabase = { name: string; target: URL; connectQuery?: string };
export type Pgbouncer = {
  port: number;
  urlFor: (database: string, user: { name: string; password: string }) => string;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would: clients' connections drop mid-transaction. */
  kill: () => Promise<void>;
};

/** A free TCP port on 127.0.0.1 (TC_PGBOUNCER_PORT when set). */
async function freePort(): Promise<number> {
  if (process.env.TC_PGBOUNCER_PORT) return Number(process.env.TC_PGBOUNCER_PORT);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Starts pgbouncer with its own configuration in a temporary directory: transaction pooling, SCRAM
 * against `users` (their passwords are also what it logs in to Postgres with), `poolSize` server
 * connections per database and user (small, so clients share server connections and any session
 * state would leak between them), and the startup parameters node-postgres may send ignored.
 */
export async function startPgbouncer({
  databases,
  users,
  poolSize = 2,
  port: fixedPort,
}: {
  databases: PgbouncerDatabase[];
  users: { name: string; password: string }[];
  poolSize?: number;
  /** Listen here (a restart on the port its clients know), else on a free port. */
  port?: number;
}): Promise<Pgbouncer> {
  if (!pgbouncerBinary) throw new Error(PGBOUNCER_SKIP_REASON);
  const dir = mkdtempSync(path.join(tmpdir(), 'tc-pgbouncer-'));
  const port = fixedPort ?? (await freePort());
  const dbLines = databases.map(({ name, target, connectQuery }) => {
    const parts = [`host=${target.hostname}`, `port=${target.port || 5432}`, `dbname=${decodeURIComponent(target.pathname.slice(1))}`];
    if (connectQuery) parts.push(`connect_query=${quote(connectQuery)}`);
    return `${name} = ${parts.join(' ')}`;
  });
  writeFileSync(path.join(dir, 'userlist.txt'), users.map((u) => `"${u.name}" "${u.password}"\n`).join(''));
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      ...dbLines,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 200',
      'ignore_startup_parameters = extra_float_digits,options,statement_timeout',
      'stats_period = 1',
      `stats_users = ${users.map((u) => u.name).join(', ')}`,
      '',
    ].join('\n'),
  );
  chmodSync(dir, 0o755); // pgbouncer refuses to run as root: as root it runs as nobody and must read these
  for (const file of ['userlist.txt', 'pgbouncer.ini']) chmodSync(path.join(dir, file), 0o644);

  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(pgbouncerBinary, [...(asRoot ? ['-u', 'nobody'] : []), path.join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!log.includes('process up')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`pgbouncer did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    urlFor: (database, user) =>
      `postgresql://${encodeURIComponent(user.name)}:${encodeURIComponent(user.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
