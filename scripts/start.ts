// `npm start`: one command from a fresh clone to a running console.
//  - Without DATABASE_URL (demo mode): embedded Postgres under .data/ (kept between runs), demo
//    secrets generated once, migrations applied, demo data seeded once.
//  - With DATABASE_URL: that database; migrations applied; nothing seeded unless --seed.
//  - Builds the production bundle when the sources changed, then runs the server and the worker.
//  - Ctrl-C stops the server, the worker and Postgres, in that order.
// Flags: --seed (seed demo data into DATABASE_URL too), --e2e (throwaway database, for Playwright).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConfigError, parseConfig } from '../lib/config/schema';
import { getSigningKey, resolveKeyPath } from '../lib/referrals/signing-key';
import { buildIntakeHandler } from './lib/build-intake-handler';
import { migrateDatabase, useDemoDatabaseRoles } from './lib/database-roles';
import { buildIsFresh, markBuildFresh, sourceFingerprint } from './lib/build-freshness';
import { loadOrCreateDemoSecrets } from './lib/demo-secrets';
import { startEmbeddedPostgres, throwawayDir, type RunningPostgres } from './lib/embedded-postgres';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const e2e = args.has('--e2e');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

let postgres: RunningPostgres | undefined;
const children: ChildProcess[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping…');
    await Promise.all(
      children.filter((c) => c.exitCode === null).map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await postgres?.stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: root, env, stdio: 'inherit' });
    children.push(child);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${argv[0] ?? ''} exited with ${code}`))));
  });
}

function keepRunning(name: string, command: string, argv: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, argv, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything.`);
    void stopAll(1);
  });
  return child;
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  const demo = !env.DATABASE_URL || e2e;
  env.PORT ??= e2e ? '3100' : '3000';

  if (demo) {
    const dataDir = e2e ? throwawayDir('tc-e2e-') : path.join(root, '.data');
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: e2e ? 0 : Number(env.TC_PG_PORT ?? 54329),
      persistent: !e2e,
    });
    await postgres.ensureDatabase('triage');
    Object.assign(env, loadOrCreateDemoSecrets(dataDir), { DATABASE_URL: postgres.adminUrl('triage'), TC_DEMO: '1' });
    await useDemoDatabaseRoles(env, dataDir); // owner and app roles (docs/decisions/0012)
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

  const applied = await migrateDatabase(env); // as the owner; then grants and the app role's privilege check
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');

  const seededStaff = await maybeSeed(env, demo || args.has('--seed'));

  if (!buildIsFresh(root)) {
    console.log('Building the production bundle (first start or changed sources)…');
    const fingerprint = sourceFingerprint(root);
    await run(bin('next'), ['build'], env);
    await buildIntakeHandler(root, env);
    markBuildFresh(root, fingerprint);
  }

  const server = keepRunning('web server', process.execPath, [path.join(root, 'scripts', 'serve.mjs')], env);
  keepRunning('worker', process.execPath, ['--import', 'tsx', '--conditions=react-server', path.join(root, 'scripts', 'worker.ts')], env);
  server.on('message', (message: { type?: string }) => {
    if (message?.type !== 'listening') return;
    const url = `http://localhost:${env.PORT}`;
    console.log(`\nTriage Console is running: ${url}\n  Public report form: ${url}/report\n  Staff console:      ${url}/console`);
    if (seededStaff.length) {
      console.log('  Demo staff sign-ins (demo mode only):');
      for (const s of seededStaff) console.log(`    ${s.role.padEnd(10)} ${s.email.padEnd(26)} ${s.password}`);
    }
    console.log('Press Ctrl-C to stop.');
  });
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
      const seeded = await seedDemoData(prisma, env.TC_SECRET_KEY!, { withDemoStaff });
      console.log(`Seeded demo data: ${seeded.staff} staff, ${seeded.reports} reports.`);
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
