// The platform API besides intake while the database cannot be reached (a pooler down, a failover):
// a status look-up or a decisions poll must get 503 with Retry-After, which a client's retry logic
// understands, not a 500 "something went wrong on our side" with a stack trace per request.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let closedPort: number;

beforeAll(async () => {
  // A port nothing listens on: every connection is refused, as with PgBouncer or PostgreSQL down.
  closedPort = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const unreachable = new URL(process.env.DATABASE_URL!);
  unreachable.hostname = '127.0.0.1';
  unreachable.port = String(closedPort);
  process.env.DATABASE_URL = unreachable.toString(); // before the app's client is first made
});

afterAll(async () => {
  const { getPrisma } = await import('@/lib/db');
  await getPrisma().$disconnect();
});

describe('the platform API while the database is unreachable', () => {
  it.each([
    ['a status look-up', async () => (await import('@/app/api/v1/reports/[reference]/route')).GET(
      new Request('http://localhost/api/v1/reports/TC-7K4M-9QX2', { headers: { 'x-forwarded-for': '203.0.113.9' } }),
      { params: Promise.resolve({ reference: 'TC-7K4M-9QX2' }) },
    )],
    ['a decisions poll', async () => (await import('@/app/api/v1/decisions/route')).GET(
      new Request('http://localhost/api/v1/decisions', { headers: { authorization: `Bearer tc_0123abcd_${'a'.repeat(32)}` } }),
    )],
  ])('answers %s with 503 and Retry-After, not 500', async (_name, call) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await call();
    log.mockRestore();
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('service_unavailable');
    expect(body.message).not.toMatch(/report was not sent/);
  });
});
