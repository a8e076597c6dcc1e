import { describe, expect, it } from 'vitest';
import { parseStartArgs } from '@/scripts/lib/start-args';
import { restartDelayMs, spawnRunning, Supervised } from '@/scripts/lib/supervisor';

const sleeper = () => spawnRunning(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('Supervised', () => {
  it('restarts a child killed with SIGKILL, logging the reason and the restart count', async () => {
    const lines: string[] = [];
    const supervised = new Supervised({ name: 'sleeper', launch: async () => sleeper(), log: (l) => lines.push(l) });
    await supervised.start();
    const first = supervised.pid!;
    process.kill(first, 'SIGKILL');
    await until(() => supervised.pid !== undefined && supervised.pid !== first);
    expect(lines.join('\n')).toMatch(/sleeper \(PID \d+\) stopped unexpectedly \(killed by SIGKILL\); restart 1 in 0\.5 s/);
    expect(lines.join('\n')).toMatch(/sleeper restarted \(PID \d+, restart 1\)/);
    expect(supervised.restartCount).toBe(1);
    const second = supervised.pid!;
    await supervised.stop();
    expect(alive(second)).toBe(false);
  });

  it('stop() returns promptly even when the child already died by a signal (the old Ctrl-C hang)', async () => {
    const supervised = new Supervised({ name: 'sleeper', launch: async () => sleeper(), log: () => undefined });
    await supervised.start();
    process.kill(supervised.pid!, 'SIGKILL');
    const started = Date.now();
    await supervised.stop(); // during the restart pause: nothing is restarted afterwards
    await new Promise((r) => setTimeout(r, 700));
    expect(supervised.pid).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps retrying a launch that fails, with growing pauses', async () => {
    const lines: string[] = [];
    let calls = 0;
    const supervised = new Supervised({
      name: 'flaky',
      launch: async () => {
        calls++;
        if (calls === 2) throw new Error('port busy');
        return sleeper();
      },
      log: (l) => lines.push(l),
    });
    await supervised.start();
    process.kill(supervised.pid!, 'SIGKILL');
    await until(() => calls === 3 && supervised.pid !== undefined, 5_000);
    expect(lines.join('\n')).toMatch(/flaky could not start \(port busy\); restart 2 in 1\.0 s/);
    await supervised.stop();
  });

  it('backs off 0.5 s, 1 s, 2 s … up to 30 s', () => {
    expect([1, 2, 3, 4, 10].map(restartDelayMs)).toEqual([500, 1_000, 2_000, 4_000, 30_000]);
  });
});

describe('npm start flags', () => {
  it('runs both process types by default and one with --role', () => {
    expect(parseStartArgs([], {}).role).toBe('all');
    expect(parseStartArgs(['--role', 'web'], { DATABASE_URL: 'postgres://x/y' }).role).toBe('web');
    expect(parseStartArgs(['--role=worker', '--seed'], { DATABASE_URL: 'postgres://x/y' })).toEqual({ e2e: false, seed: true, role: 'worker' });
  });

  it('explains that a role needs a shared DATABASE_URL, and refuses unknown roles and flags', () => {
    expect(() => parseStartArgs(['--role', 'web'], {})).toThrow(/needs DATABASE_URL/);
    expect(() => parseStartArgs(['--role', 'both'], { DATABASE_URL: 'postgres://x/y' })).toThrow(/web or worker/);
    expect(() => parseStartArgs(['--rol'], {})).toThrow(/Unknown option/);
  });
});
