import type { IncomingMessage } from 'node:http';

/** A refused body is read and thrown away up to this much, so its sender receives the refusal. */
export const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * The request body as a web stream that, unlike Readable.toWeb(req), does not destroy the socket
 * when the reader cancels: a handler that refuses a body unread (415, 413) cancels its stream, and a
 * destroyed socket would reset the connection under a client still sending, which then sees
 * ECONNRESET or EPIPE instead of the answer.
 */
export function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => !cancelled && controller.close());
        req.once('error', (error) => !cancelled && controller.error(error));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.pause();
      },
    },
    { highWaterMark: 4 },
  );
}

/**
 * Reads and discards what is left of a refused body, at most `limitBytes`. Resolves true when the
 * body ended (the connection is clean), false when it ran over, failed or was cut off.
 */
export function discardRest(req: IncomingMessage, limitBytes = DISCARD_LIMIT_BYTES): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (clean: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onClose);
      resolve(clean);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > limitBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onFail = () => finish(false);
    const onClose = () => finish(req.complete);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onFail);
    req.once('close', onClose);
    req.resume();
  });
}
