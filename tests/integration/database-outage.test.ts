// Database trouble at intake, against a real Postgres of this file's own that the test stops and
// freezes (the shared test cluster must stay up for the other files): 503 with Retry-After within
// the configured timeouts, one log line per outage state change, and no rate-limit point spent on a
// report that was not stored.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyMigrations } from '@/prisma/tooling/migrations';
import { startEmbeddedPostgres, throwawayDir, type RunningPostgres } from '@/scripts/lib/embedded-postgres';
import { intakeRequest, reportBody } from '../factories/requests';

const dataDir = path.join(throwawayDir('tc-outage-'), 'postgres');
let postgres: RunningPostgres;
let port: number;
let postReport: (request: Request) => Promise<Response>;

async function startCluster() {
  postgres = await startEmbeddedPostgres({ dataDir, port: port ?? 0, persistent: true, postgresFlags: ['-c', 'fsync=off'] });
  port = postgres.port;
}

/** The postmaster and every backend of this cluster: SIGSTOP on all of them freezes the server. */
function clusterPids(): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

beforeAll(async () => {
  await startCluster();
  await postgres.ensureDatabase('outage');
  await applyMigrations(postgres.adminUrl('outage'));
  process.env.DATABASE_URL = postgres.adminUrl('outage');
  process.env.DATABASE_CONNECT_TIMEOUT_MS = '1000';
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = '1500';
  ({ postReport } = await import('@/lib/reports/intake-endpoint'));
}, 120_000);

afterAll(async () => {
  for (const pid of clusterPids()) process.kill(pid, 'SIGCONT');
  await postgres.stop();
  const { rm } = await import('node:fs/promises');
  await rm(path.dirname(dataDir), { recursive: true, force: true });
}, 60_000);

const ip = '203.0.113.77';

describe('intake while the database is down', () => {
  it('answers 503 with Retry-After fast, logs one line down and one up, and keeps the rate-limit points', async () => {
    expect((await postReport(intakeRequest(reportBody(), { ip: '203.0.113.1' }))).status).toBe(201);

    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await postgres.stop();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = Date.now();
      const response = await postReport(intakeRequest(reportBody(), { ip }));
      expect(Date.now() - started).toBeLessThan(3_000);
      statuses.push(response.status);
      if (i === 0) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        const body = (await response.json()) as { error: string; message: string };
        expect(body.error).toBe('service_unavailable');
        expect(body.message).toMatch(/temporarily unavailable.*try again in \d+ seconds/);
      }
    }
    expect(new Set(statuses)).toEqual(new Set([503]));

    await startCluster();
    // The limit is 10 a minute: 15 refused reports spent nothing, so 10 now all go through.
    for (let i = 0; i < 10; i++) expect((await postReport(intakeRequest(reportBody(), { ip }))).status).toBe(201);
    expect((await postReport(intakeRequest(reportBody(), { ip }))).status).toBe(429);

    const lines = log.mock.calls.map((call) => call.map(String).join(' '));
    log.mockRestore();
    expect(lines.filter((l) => l.includes('[database] unavailable'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('[database] available again'))).toHaveLength(1);
    expect(lines).toHaveLength(2); // no stack per request
  }, 90_000);

  it('answers 503 within the timeout while the database is frozen (SIGSTOP), and 201 once it thaws', async () => {
    expect((await postReport(intakeRequest(reportBody(), { ip: '203.0.113.2' }))).status).toBe(201);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const pids = clusterPids();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const results = await Promise.all(
        Array.from({ length: 5 }, async (_, i) => {
          const started = Date.now();
          const response = await postReport(intakeRequest(reportBody(), { ip: `203.0.113.${10 + i}` }));
          return { status: response.status, ms: Date.now() - started, retryAfter: response.headers.get('retry-after') };
        }),
      );
      for (const r of results) {
        expect(r.status).toBe(503);
        expect(r.retryAfter).toMatch(/^\d+$/);
        // statement limit 1.5 s (+1 s client-side backstop) or the 1 s connect timeout, not 23 s
        expect(r.ms).toBeLessThan(5_000);
      }
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 201) {
      status = (await postReport(intakeRequest(reportBody(), { ip: '203.0.113.3' }))).status;
      if (status !== 201) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(201);
    const lines = log.mock.calls.map((call) => call.map(String).join(' '));
    log.mockRestore();
    expect(lines.filter((l) => l.includes('[database] unavailable'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('[database] available again'))).toHaveLength(1);
  }, 90_000);
});
