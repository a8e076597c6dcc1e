import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** `pid` is the supervising `npm start` process, leader of the node's process group (fault tests kill it or its children). */
export type AppNode = { name: string; url: string | null; pid: number; output: () => string; stop: () => Promise<void> };

/**
 * One process type of the console started as a deployment starts it: `npm start -- --role web|worker`
 * (scripts/start.ts) against the DATABASE_URL in `env`, in a process of its own. Resolves once it is
 * ready: a web node answering /api/health, a worker past its migration check.
 */
export async function startNode(role: 'web' | 'worker', env: NodeJS.ProcessEnv, port?: number): Promise<AppNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/start.ts', '--role', role], {
    cwd: root,
    env: { ...env, ...(port ? { PORT: String(port), HOSTNAME: '127.0.0.1' } : {}), WEB_STANDBY: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() reaches the server or worker it supervises too
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const name = `${role}${port ? `:${port}` : ''}`;
  const url = port ? `http://127.0.0.1:${port}` : null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const node: AppNode = {
    name,
    url,
    pid: child.pid!,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM'); // scripts/start.ts stops what it supervises, then exits
      const forced = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(forced);
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log}`);
    if (url) {
      const healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
      if (healthy) return node;
    } else if (/\[supervisor\].*worker|worker.*(started|running|listening)/i.test(log) || /Database schema is up to date/.test(log)) {
      // The worker's own start (its job runner) follows the migration check within a second or two.
      return node;
    }
    if (Date.now() > deadline) {
      await node.stop();
      throw new Error(`${name} was not ready within 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
