import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from './raw-http';

// `npm start`'s supervisor under kill -9: a second, private instance of scripts/start.ts --e2e (its
// own port and throwaway Postgres; the production build the Playwright web server already made),
// whose web server, worker and Postgres are each killed with SIGKILL. Service must come back within
// 10 s without a human, and SIGTERM must leave no process behind. Short HTTP timeouts are configured
// here so the slow-client limits can be shown in seconds.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const root = path.resolve(import.meta.dirname, '../..');
let supervisor: ChildProcess;
let output = '';
let base = '';

function pidOf(name: string, from = 0): number | undefined {
  const pattern = new RegExp(`\\[supervisor\\] ${name} (?:running|restarted) \\(PID (\\d+)`, 'g');
  let last: number | undefined;
  for (const match of output.slice(from).matchAll(pattern)) last = Number(match[1]);
  return last;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function reportAccepted(): Promise<true | undefined> {
  const response = await fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: { handle: `@supervised_${Date.now()}` }, category: 'grooming', description: 'supervisor test' }),
    signal: AbortSignal.timeout(3_000),
  });
  return response.status === 201 ? true : undefined;
}

async function healthy(): Promise<true | undefined> {
  const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(3_000) });
  return response.status === 200 ? true : undefined;
}

/** Service is back: health 200 and a report accepted. Returns how long it took. */
async function serviceResumes(since: number): Promise<number> {
  await waitFor('/api/health 200', healthy, 10_000);
  await waitFor('a report accepted', reportAccepted, 10_000);
  return Date.now() - since;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  supervisor = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/start.ts', '--e2e'], {
    cwd: root,
    // Its own process group, so the test can prove nothing of it is left.
    detached: true,
    env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1', HTTP_REQUEST_TIMEOUT_MS: '3000', HTTP_HEADERS_TIMEOUT_MS: '2000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  supervisor.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor('the supervised console to start', async () => (pidOf('worker') && (await healthy()) ? true : undefined), 240_000);
});

test.afterAll(() => {
  try {
    process.kill(-supervisor.pid!, 'SIGKILL');
  } catch {
    /* already gone, as it should be */
  }
});

test('a web server killed with SIGKILL is restarted and serves again within 10 s', async () => {
  const pid = pidOf('web server')!;
  const mark = output.length;
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  expect(await serviceResumes(killedAt)).toBeLessThan(10_000);
  expect(output.slice(mark)).toMatch(/web server \(PID \d+\) stopped unexpectedly \(killed by SIGKILL\); restart 1/);
  expect(pidOf('web server', mark)).not.toBe(pid);
});

test('a worker killed with SIGKILL never stops intake and is restarted within 10 s', async () => {
  const pid = pidOf('worker')!;
  const mark = output.length;
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  expect(await reportAccepted()).toBe(true);
  await waitFor('the worker restarted', async () => pidOf('worker', mark), 10_000);
  expect(Date.now() - killedAt).toBeLessThan(10_000);
  expect(output.slice(mark)).toMatch(/worker \(PID \d+\) stopped unexpectedly \(killed by SIGKILL\); restart 1/);
});

test('an embedded Postgres killed with SIGKILL is restarted and the service resumes within 10 s', async () => {
  const pid = pidOf('embedded Postgres')!;
  const mark = output.length;
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  expect(await serviceResumes(killedAt)).toBeLessThan(10_000);
  expect(output.slice(mark)).toMatch(/embedded Postgres \(PID \d+\) stopped unexpectedly \(killed by SIGKILL\)/);
  expect(pidOf('embedded Postgres', mark)).not.toBe(pid);
});

test('a request body trickled at 1 byte/s is cut off after the configured request timeout', async () => {
  const url = new URL(base);
  const started = Date.now();
  const closedAfter = await new Promise<number>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write('POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
      const drip = setInterval(() => socket.writable && socket.write('{'), 1_000);
      socket.on('close', () => {
        clearInterval(drip);
        resolve(Date.now() - started);
      });
    });
    socket.on('error', () => undefined);
    setTimeout(() => reject(new Error('still open after 20 s')), 20_000).unref();
  });
  // HTTP_REQUEST_TIMEOUT_MS=3000 here (30 s by default), checked every 0.5 s.
  expect(closedAfter).toBeGreaterThan(2_500);
  expect(closedAfter).toBeLessThan(8_000);
});

test('SIGTERM stops everything in order and leaves no process', async () => {
  const exited = new Promise<number | null>((resolve) => supervisor.once('exit', (code) => resolve(code)));
  const sentAt = Date.now();
  process.kill(supervisor.pid!, 'SIGTERM');
  expect(await exited).toBe(0);
  expect(Date.now() - sentAt).toBeLessThan(20_000);
  // Nothing left in its process group: web server, worker, Postgres and its backends all gone.
  await waitFor('an empty process group', async () => (liveMembersOf(supervisor.pid!).length === 0 ? true : undefined), 5_000);
});

/** Live (not zombie) processes in process group `pgid`, as "pid command". */
function liveMembersOf(pgid: number): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(group) === pgid && state !== 'Z' ? [`${pid} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`] : [];
      } catch {
        return [];
      }
    });
}
