// Benchmarks run the real production build on a throwaway embedded Postgres, with the worker
// running beside it as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { applyMigrations } from '../../../prisma/tooling/migrations';
import { grantAppRole } from '../../../prisma/tooling/app-role-grants';
import { buildIntakeHandler } from '../../lib/build-intake-handler';
import { ensureDatabaseRoles, urlFor } from '../../lib/database-roles';
import { buildIsFresh, markBuildFresh, sourceFingerprint } from '../../lib/build-freshness';
import { startEmbeddedPostgres, throwawayDir, type RunningPostgres } from '../../lib/embedded-postgres';

export const root = path.resolve(import.meta.dirname, '../../..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

export type BenchDatabase = { postgres: RunningPostgres; databaseUrl: string; env: NodeJS.ProcessEnv };

export async function startBenchDatabase(extraEnv: Record<string, string> = {}): Promise<BenchDatabase> {
  const benchDir = throwawayDir('tc-bench-');
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(benchDir, 'postgres'),
    port: 0,
    persistent: false,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=512MB'],
  });
  await postgres.ensureDatabase('bench');
  // databaseUrl (the superuser) loads bulk data; the app runs as in production, as the app role.
  const databaseUrl = postgres.adminUrl('bench');
  const roles = { owner: { name: 'tc_owner', password: randomBytes(16).toString('hex') }, app: { name: 'tc_app', password: randomBytes(16).toString('hex') } };
  await ensureDatabaseRoles(databaseUrl, 'bench', roles);
  await applyMigrations(urlFor(databaseUrl, roles.owner));
  await grantAppRole(urlFor(databaseUrl, roles.owner), roles.app.name);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: urlFor(databaseUrl, roles.app),
    DATABASE_OWNER_URL: urlFor(databaseUrl, roles.owner),
    AUDIT_CHECKPOINT_DIR: path.join(benchDir, 'audit-checkpoints'),
    REFERRAL_SIGNING_KEY_PATH: path.join(benchDir, 'referral-signing-key.pem'),
    TC_SECRET_KEY: randomBytes(32).toString('base64url'),
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    ...extraEnv,
  };
  return { postgres, databaseUrl, env };
}

export async function ensureBuild(env: NodeJS.ProcessEnv): Promise<void> {
  if (buildIsFresh(root)) return;
  // Several test files (run in parallel) or a bench may need the build at once: one builds, the
  // others wait for it and then find it fresh (two `next build`s in one directory break each other).
  const release = await lockfile.lock(root, { lockfilePath: path.join(root, '.build.lock'), retries: { retries: 1200, minTimeout: 1000, maxTimeout: 1000 }, stale: 60_000 });
  try {
    if (!buildIsFresh(root)) await build(env);
  } finally {
    await release();
  }
}

async function build(env: NodeJS.ProcessEnv): Promise<void> {
  console.log('Building the production bundle…');
  const fingerprint = sourceFingerprint(root);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin('next'), ['build'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
  await buildIntakeHandler(root, env);
  markBuildFresh(root, fingerprint);
}

export type RunningApp = { url: string; urls: string[]; stop: () => Promise<void> };

/**
 * The app as deployed: `webNodes` web servers (scripts/serve.mjs, each a process of its own on
 * port, port + 1, …, sharing nothing but the database) and one worker.
 */
export async function startApp(env: NodeJS.ProcessEnv, port: number, { webNodes = 1 }: { webNodes?: number } = {}): Promise<RunningApp> {
  const ports = Array.from({ length: webNodes }, (_, i) => port + i);
  const children: ChildProcess[] = [
    ...ports.map((p) =>
      spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
        cwd: root,
        env: { ...env, PORT: String(p), HOSTNAME: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    ),
    spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', path.join(root, 'scripts', 'worker.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  ];
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const deadline = Date.now() + 60_000;
  for (const url of urls) {
    for (;;) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        for (const child of children) child.kill('SIGTERM'); // not left running against a stopped database
        throw new Error('The app did not become healthy within 60 s');
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    url: urls[0]!,
    urls,
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
