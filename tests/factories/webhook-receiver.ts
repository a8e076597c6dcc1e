import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@/lib/platform/webhook-signature';

export type ReceivedDelivery = { key: string; body: string; signatureOk: boolean; at: number };

/**
 * A platform's webhook endpoint for tests, on 127.0.0.1 at a random port. It verifies every
 * signature, records every request (transport level) and applies each Idempotency-Key once
 * (`applied`), as a real receiver that dedupes would. `respond` decides the status; returning a
 * promise holds the request open (a slow receiver).
 */
export async function startWebhookReceiver(secret: string) {
  const received: ReceivedDelivery[] = [];
  const applied = new Map<string, string>();
  const inFlight = new Set<string>();
  let respond: (delivery: ReceivedDelivery) => number | Promise<number> = () => 200;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = String(req.headers['idempotency-key'] ?? '');
      const check = verifyWebhookSignature({
        secret,
        body,
        timestamp: (req.headers['x-tc-timestamp'] as string | undefined) ?? null,
        signature: (req.headers['x-tc-signature'] as string | undefined) ?? null,
      });
      const delivery = { key, body, signatureOk: check.ok, at: Date.now() };
      received.push(delivery);
      inFlight.add(key);
      try {
        const status = check.ok ? await respond(delivery) : 401;
        if (status >= 200 && status < 300 && !applied.has(key)) applied.set(key, body);
        if (!res.destroyed) res.writeHead(status, status >= 300 && status < 400 ? { Location: 'http://127.0.0.1:9/elsewhere' } : {}).end();
      } finally {
        inFlight.delete(key);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/decisions`,
    received,
    applied,
    inFlight,
    setResponder(fn: typeof respond) {
      respond = fn;
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
