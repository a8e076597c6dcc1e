// `npm start`: one command from a fresh clone to a running console.
//  - Without DATABASE_URL (demo mode): embedded Postgres under .data/ (kept between runs, its log in
//    .data/postgres.log), demo secrets generated once, migrations applied, demo data seeded once.
//  - With DATABASE_URL: that database; migrations applied; nothing seeded unless --seed.
//  - Builds the production bundle when the sources changed, then runs the server and the worker.
//  - Supervises: a web server, worker or embedded Postgres that dies is started again with backoff
//    (scripts/lib/supervisor.ts); a worker crash never stops intake.
//  - Ctrl-C or SIGTERM stops the server and the worker, then Postgres, and leaves no process.
// Flags: --seed (seed demo data into DATABASE_URL too), --e2e (throwaway database, for Playwright),
//        --role web|worker (run one process type alone against DATABASE_URL; default both).
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { ConfigError, parseConfig } from '../lib/config/schema';
import { warnIfNcmecSchemaMissing } from '../lib/referrals/ncmec-schema-status';
import { getSigningKey, resolveKeyPath } from '../lib/referrals/signing-key';
import { buildIntakeHandler } from './lib/build-intake-handler';
import { migrateDatabase, useDemoDatabaseRoles } from './lib/database-roles';
import { buildIsFresh, markBuildFresh, sourceFingerprint } from './lib/build-freshness';
import { lockDataDir } from './lib/data-dir-lock';
import { loadOrCreateDemoSecrets } from './lib/demo-secrets';
import { leaveShutdownSignalsToCaller, startEmbeddedPostgres, throwawayDir, type RunningPostgres } from './lib/embedded-postgres';
import { parseStartArgs } from './lib/start-args';
import { spawnRunning, Supervised } from './lib/supervisor';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

let options: ReturnType<typeof parseStartArgs>;
try {
  options = parseStartArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const { e2e, role } = options;

let postgres: Supervised | undefined;
const processes: Supervised[] = [];
const cleanups: Array<() => unknown> = [];
let stopping = false;

let stopped: Promise<void> | undefined;

/**
 * Stops the server and the worker first (they finish what they are doing), then their database.
 * A second Ctrl-C or SIGTERM while stopping waits for the same shutdown: exiting at once would leave
 * the children and Postgres running as orphans.
 */
async function stopAll(code: number): Promise<never> {
  stopped ??= (async () => {
    stopping = true;
    console.log('\nStopping…');
    await Promise.all(processes.map((p) => p.stop()));
    await postgres?.stop().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  })();
  await stopped;
  process.exit(code);
}
leaveShutdownSignalsToCaller();
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('SIGHUP', () => void stopAll(0));

/** Runs a command to completion (the build). */
async function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { exited } = spawnRunning(command, argv, { cwd: root, env, stdio: 'inherit' });
  const { code, signal } = await exited;
  if (code !== 0) throw new Error(`${path.basename(command)} ${argv[0] ?? ''} exited with ${signal ?? code}`);
}

/** The embedded Postgres of demo mode, restarted on the same port and directory if it dies. */
async function superviseEmbeddedPostgres(dataDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  let port = e2e ? 0 : Number(env.TC_PG_PORT ?? 54329);
  let first: RunningPostgres | undefined;
  postgres = new Supervised({
    name: 'embedded Postgres',
    launch: async () => {
      const running = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port,
        persistent: !e2e,
        logFile: path.join(dataDir, 'postgres.log'),
        stopLeftover: true,
      });
      port = running.port;
      first ??= running;
      return running;
    },
  });
  await postgres.start();
  console.log(`Embedded Postgres on port ${port}; its log: ${path.join(dataDir, 'postgres.log')}`);
  await first!.ensureDatabase('triage');
  return first!.adminUrl('triage');
}

/** A Node child (web server or worker) kept running by the supervisor. */
function superviseNode(name: string, argv: string[], env: NodeJS.ProcessEnv, onMessage?: (message: unknown) => void): Supervised {
  const supervised = new Supervised({
    name,
    launch: async () => {
      const running = spawnRunning(process.execPath, argv, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      if (onMessage) running.child.on('message', onMessage);
      return running;
    },
  });
  processes.push(supervised);
  return supervised;
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  const demo = !env.DATABASE_URL || e2e;
  env.PORT ??= e2e ? '3100' : '3000';

  if (demo) {
    const dataDir = e2e ? throwawayDir('tc-e2e-') : path.join(root, '.data');
    if (e2e) cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    else cleanups.push(lockDataDir(dataDir));
    const databaseUrl = await superviseEmbeddedPostgres(dataDir, env);
    Object.assign(env, loadOrCreateDemoSecrets(dataDir), { DATABASE_URL: databaseUrl, TC_DEMO: '1' });
    await useDemoDatabaseRoles(env, dataDir); // owner and app roles (docs/decisions/0014)
    env.REFERRAL_SIGNING_KEY_PATH ??= path.join(dataDir, 'referral-signing-key.pem');
    if (e2e) env.REPORTS_PER_MINUTE_PER_SOURCE ??= '1000';
  }

  let config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return stopAll(1);
    }
    throw error;
  }

  // The referral signing key is created at first start (kept outside the repo and the database).
  const keyFile = resolveKeyPath(config.REFERRAL_SIGNING_KEY_PATH, root);
  await getSigningKey(keyFile);
  console.log(`Referral signing key: ${keyFile}`);
  warnIfNcmecSchemaMissing(config, root);

  const applied = await migrateDatabase(env); // as the owner; then grants and the app role's privilege check
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');

  const seededStaff = await maybeSeed(env, demo || options.seed);

  if (role !== 'worker') await startWeb(env, seededStaff);
  if (role !== 'web') {
    await superviseNode('worker', ['--import', 'tsx', '--conditions=react-server', path.join(root, 'scripts', 'worker.ts')], env).start();
  }
}

async function startWeb(env: NodeJS.ProcessEnv, seededStaff: Awaited<ReturnType<typeof maybeSeed>>) {
  if (!buildIsFresh(root)) {
    console.log('Building the production bundle (first start or changed sources)…');
    const fingerprint = sourceFingerprint(root);
    await run(bin('next'), ['build'], env);
    await buildIntakeHandler(root, env);
    markBuildFresh(root, fingerprint);
  }
  let announced = false;
  const onMessage = (message: unknown) => {
    if ((message as { type?: string } | null)?.type !== 'listening' || stopping) return;
    const url = `http://localhost:${env.PORT}`;
    if (announced) return console.log(`[supervisor] web server listening again on ${url}`);
    announced = true;
    console.log(`\nTriage Console is running: ${url}\n  Public report form: ${url}/report\n  Staff console:      ${url}/console`);
    if (seededStaff.length) {
      console.log('  Demo staff sign-ins (demo mode only):');
      for (const s of seededStaff) console.log(`    ${s.role.padEnd(10)} ${s.email.padEnd(26)} ${s.password}`);
    }
    console.log('Press Ctrl-C to stop.');
  };
  const serve = [path.join(root, 'scripts', 'serve.mjs')];
  // A warm spare web server takes over the port the moment the running one dies (a cold start takes
  // seconds, ten or more on a busy machine). Not with WEB_CONCURRENCY > 1, whose own primary
  // restarts its processes while the others serve; WEB_STANDBY=0 saves the spare's memory.
  const withSpare = env.WEB_STANDBY !== '0' && Number(env.WEB_CONCURRENCY ?? 1) <= 1;
  const web = withSpare ? superviseWebWithSpare(serve, env, onMessage) : superviseNode('web server', serve, env, onMessage);
  await web.start();
}

/** The web server, restarted by handing the port to a spare that is already loaded, then preparing a new spare. */
function superviseWebWithSpare(argv: string[], env: NodeJS.ProcessEnv, onMessage: (message: unknown) => void): Supervised {
  const spareEnv = { ...env, TC_WEB_STANDBY: '1' };
  let spare: ReturnType<typeof spawnRunning> | undefined;
  const newSpare = () => {
    const running = spawnRunning(process.execPath, argv, { cwd: root, env: spareEnv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    running.child.on('message', onMessage);
    void running.exited.then(() => {
      if (spare === running) spare = undefined;
    });
    return running;
  };
  const supervised = new Supervised({
    name: 'web server',
    launch: async () => {
      const running = spare ?? newSpare();
      spare = undefined;
      running.child.send({ type: 'listen' }, () => undefined); // queued by Node until the spare reads it
      if (!stopping) setTimeout(() => !stopping && !spare && (spare = newSpare()), 2_000).unref();
      return running;
    },
  });
  processes.push(supervised);
  cleanups.push(() => spare?.stop());
  return supervised;
}

async function maybeSeed(env: NodeJS.ProcessEnv, wanted: boolean) {
  if (!wanted) return [];
  // The seed goes through the app's own intake, which reads its configuration from process.env.
  Object.assign(process.env, env);
  const { getPrisma } = await import('../lib/db');
  const { DEMO_STAFF, hasBeenSeeded, seedDemoData } = await import('../prisma/seed');
  const prisma = getPrisma();
  try {
    if (!(await hasBeenSeeded(prisma))) {
      const withDemoStaff = env.TC_DEMO === '1';
      const started = performance.now();
      const seeded = await seedDemoData(prisma, { withDemoStaff });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Seeded demo data in ${seconds} s: ${seeded.staff} staff, ${seeded.reports} reports in ${seeded.cases} cases over 14 days.`);
      if (seeded.stepsFailed > 0) console.warn(`  ${seeded.stepsFailed} demo steps were refused (first: ${seeded.firstFailure}).`);
      if (!withDemoStaff) console.log('Create the first admin with: npm run staff:create -- --email you@example.org --role admin');
    }
  } finally {
    await prisma.$disconnect();
  }
  return env.TC_DEMO === '1' ? DEMO_STAFF : [];
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void stopAll(1);
});
