// A connection lost after the database committed a report but before its answer arrived (a pooler
// such as PgBouncer killed, a network path cut): the intake transaction is stored, yet the app only
// sees a dropped connection. The caller must not be told "your report was not sent" for a report
// that was stored (a platform would send it again, and the case would count it twice).
// The app's database connections here go through a TCP relay that, when armed, cuts the connection
// the moment PostgreSQL starts answering the intake statement: by then it has committed.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { intakeRequest, reportBody } from '../factories/requests';

const direct = new URL(process.env.DATABASE_URL!);
let relay: Server;
/** 'after-commit': cut when PostgreSQL starts answering the intake statement; 'before-send': cut instead of sending it. */
let cut: 'none' | 'after-commit' | 'before-send' = 'none';
let cuts = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  relay = createServer((client) => {
    const server = createConnection({ host: direct.hostname, port: Number(direct.port) });
    sockets.add(client).add(server);
    let intakeSent = false;
    const drop = () => {
      cut = 'none';
      cuts++;
      client.destroy();
      server.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (cut !== 'none' && chunk.includes('tc_accept_report')) {
        if (cut === 'before-send') return drop();
        intakeSent = true;
      }
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => {
      if (intakeSent) return drop();
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      server.destroy();
    };
    client.on('error', close).on('close', close);
    server.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(direct);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((relay.address() as { port: number }).port);
  process.env.DATABASE_URL = relayed.toString(); // before the app's client is first made
});

afterAll(async () => {
  await getPrisma().$disconnect();
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => relay.close(resolve));
});

describe('a report committed whose answer never arrived', () => {
  it('is answered 201 with its stored reference, not 503 "not sent"', async () => {
    const { postReport } = await import('@/lib/reports/intake-endpoint');
    expect((await postReport(intakeRequest(reportBody()))).status).toBe(201); // the relay carries the app's traffic

    const handle = `in_doubt_${Date.now().toString(36)}`;
    cut = 'after-commit';
    const response = await postReport(intakeRequest(reportBody({ account: { handle } })));
    expect(cuts).toBe(1);
    const stored = await getPrisma().report.findMany({ where: { account: { handle } }, select: { reference: true } });
    expect(stored).toHaveLength(1);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { reference: string }).reference).toBe(stored[0]!.reference);
  });

  it('still answers 503 with Retry-After when the connection is lost before the report reached the database', async () => {
    const { postReport } = await import('@/lib/reports/intake-endpoint');
    const handle = `never_sent_${Date.now().toString(36)}`;
    const before = cuts;
    cut = 'before-send';
    const response = await postReport(intakeRequest(reportBody({ account: { handle } })));
    expect(cuts).toBe(before + 1);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await getPrisma().report.count({ where: { account: { handle } } })).toBe(0);
  });
});
