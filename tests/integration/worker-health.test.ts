// `npm run worker:health`: the worker's health check (docs/deployment.md) reads the heartbeats the
// worker writes every few seconds, and fails when none is recent.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { beat } from '@/lib/worker/heartbeat';

const prisma = getPrisma();
const root = path.resolve(import.meta.dirname, '../..');

async function health(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker-health.ts', ...args], {
      cwd: root,
      env: process.env,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('npm run worker:health', () => {
  it('fails with no worker, passes once one beats, fails again when its beat is stale', async () => {
    const none = await health();
    expect(none.code).toBe(1);
    expect(none.output).toContain('no worker beat in the last 180 s');

    await beat(prisma, 'health-test-worker');
    const alive = await health('--this-host', '--max-age', '30');
    expect(alive.code).toBe(0);
    expect(alive.output).toMatch(/^ok +health-test-worker last beat/m);

    await prisma.$executeRaw`UPDATE worker_heartbeats SET beat_at = now() - interval '5 minutes'`;
    const stale = await health();
    expect(stale.code).toBe(1);
    expect(stale.output).toMatch(/^stale health-test-worker/m);
  }, 60_000);
});
