import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPacket } from '@/lib/referrals/build-packet';
import { FileExportSubmitter, NcmecHttpSubmitter, NcmecSubmitError } from '@/lib/referrals/submitters';
import { referralSource, TEST_ORG } from '../factories/referrals';
import { describeWithNcmecSchema, ncmecXsdFile } from '../setup/ncmec-schema-vitest';

// A local fake CyberTipline: /submit returns a reportId, /finish closes it, /retract cancels.
const calls: { path: string; auth: string | undefined; body: string }[] = [];
let finishFails = false;
const server = createServer(async (req: IncomingMessage, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  calls.push({ path: req.url ?? '', auth: req.headers.authorization, body });
  res.setHeader('Content-Type', 'text/xml');
  if (req.headers.authorization !== `Basic ${Buffer.from('esp:secret').toString('base64')}`) return void res.writeHead(401).end();
  if (req.url === '/ispws/submit') return void res.end('<?xml version="1.0"?><reportResponse><responseCode>0</responseCode><responseDescription>Success</responseDescription><reportId>4242</reportId></reportResponse>');
  if (req.url === '/ispws/finish') {
    return void res.end(finishFails ? '<reportDoneResponse><responseCode>4100</responseCode><responseDescription>Validation failed</responseDescription></reportDoneResponse>' : '<reportDoneResponse><responseCode>0</responseCode><reportId>4242</reportId></reportDoneResponse>');
  }
  if (req.url === '/ispws/retract') return void res.end('<reportResponse><responseCode>0</responseCode></reportResponse>');
  res.writeHead(404).end();
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ispws`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function packet() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const staff = { id: randomUUID(), name: 'S' };
  const built = await buildPacket(referralSource(), TEST_ORG, { packetId: randomUUID(), referralId: randomUUID(), hotline: 'ncmec', version: 1, createdBy: staff, approvedBy: staff }, { now: new Date(), privateKey, xsdFile: ncmecXsdFile });
  return { ...built, fileName: 'p.zip' };
}

describeWithNcmecSchema('hotline submitters', () => {
  it('the file export hands back the signed ZIP', async () => {
    const p = await packet();
    expect(await new FileExportSubmitter().submit(p)).toMatchObject({ kind: 'file', fileName: 'p.zip', sha256: p.sha256 });
  });

  it('submits the XML to the CyberTipline API, then finishes it', async () => {
    calls.length = 0;
    finishFails = false;
    const result = await new NcmecHttpSubmitter({ baseUrl, username: 'esp', password: 'secret' }).submit(await packet());
    expect(result).toMatchObject({ kind: 'submitted', hotlineReportId: '4242' });
    expect(calls.map((c) => c.path)).toEqual(['/ispws/submit', '/ispws/finish']);
    expect(calls[0]!.body).toContain('<report ');
    expect(calls[1]!.body).toBe('id=4242');
  });

  it('retracts a report it could not finish and reports why', async () => {
    calls.length = 0;
    finishFails = true;
    await expect(new NcmecHttpSubmitter({ baseUrl, username: 'esp', password: 'secret' }).submit(await packet())).rejects.toThrow(NcmecSubmitError);
    expect(calls.map((c) => c.path)).toEqual(['/ispws/submit', '/ispws/finish', '/ispws/retract']);
  });

  it('fails clearly on refused credentials', async () => {
    await expect(new NcmecHttpSubmitter({ baseUrl, username: 'esp', password: 'wrong' }).submit(await packet())).rejects.toThrow(/HTTP 401/);
  });
});
