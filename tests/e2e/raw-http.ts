// Raw HTTP clients for tests that must see exactly what a platform's client sees on the wire:
// a reset connection (ECONNRESET, EPIPE) is reported, not retried or hidden.
import { request } from 'node:http';
import { createServer } from 'node:net';

export type RawResult = { status: number; body: string } | { error: string };

/** POSTs `body` in one go, without waiting for the server; resolves with the answer or the network error. */
export function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<RawResult> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.byteLength) }, agent: false });
    let settled = false;
    const settle = (result: RawResult) => {
      if (!settled) (settled = true), resolve(result);
    };
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => settle({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    });
    req.on('error', (error) => settle({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.end(body);
  });
}

/** A multipart upload of one file of `size` bytes, as a platform client would send a screenshot. */
export function multipartUpload(size: number): { headers: Record<string, string>; body: Buffer } {
  const boundary = `----tc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat([head, Buffer.alloc(size, 0xab), tail]) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
