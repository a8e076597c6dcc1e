// @ts-check
// Plain JavaScript: scripts/serve.mjs runs it on every request before Next sees it.
import { ACTION_BODY_LIMIT_BYTES } from './action-size.js';

const REFUSAL = '{"error":"invalid_input","message":"This request’s form data could not be read. Nothing was changed."}';

/**
 * A fetch-style server action: the Next-Action header and a text body holding the arguments as
 * React's reply encoding, whose root is JSON.
 *
 * @param {{ method?: string, headers: import('node:http').IncomingHttpHeaders }} req
 */
export function isTextAction(req) {
  return req.method === 'POST' && req.headers['next-action'] !== undefined && !String(req.headers['content-type'] ?? '').startsWith('multipart/');
}

/** @param {Buffer} body */
function isJson(body) {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Next answers a server action whose body is not JSON with a 500 (its decoder's SyntaxError lands
 * in a catch-all: vercel/next.js#86945, open). The request never reached our code and changed
 * nothing, so it is the client's fault: this keeps a copy of the body as Next reads it (at most
 * the action limit; the request is not read here, so Next sees it unchanged), and when Next then
 * answers 500 to a body that is not JSON, the answer becomes a 400 instead. A 500 to a body that
 * is JSON (a real failure) is left alone.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerUndecodableActionWith400(req, res) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  const push = req.push;
  req.push = function (chunk, encoding) {
    if (chunk !== null && chunk !== undefined && size <= ACTION_BODY_LIMIT_BYTES) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
      size += buffer.byteLength;
      chunks.push(buffer);
    }
    return push.call(this, chunk, encoding);
  };
  // Installed before Next's handler (and its compression) wraps these, so whatever Next writes
  // passes through them: once the answer is replaced, Next's own bytes are dropped here.
  const { writeHead, write, end: endResponse } = res;
  let replaced = false;
  // Every call passes through unchanged but a 500 to a body that is not JSON.
  res.writeHead = /** @type {typeof res.writeHead} */ (
    function (/** @type {number} */ statusCode, /** @type {any[]} */ ...rest) {
      if (statusCode !== 500 || size > ACTION_BODY_LIMIT_BYTES || isJson(Buffer.concat(chunks))) {
        return writeHead.call(this, statusCode, ...rest);
      }
      replaced = true;
      for (const name of this.getHeaderNames()) this.removeHeader(name);
      return writeHead.call(this, 400, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(REFUSAL),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
    }
  );
  res.write = /** @type {typeof res.write} */ (
    function (/** @type {any[]} */ ...args) {
      if (replaced) return true;
      return write.apply(this, /** @type {any} */ (args));
    }
  );
  res.end = /** @type {typeof res.end} */ (
    function (/** @type {any[]} */ ...args) {
      if (!replaced) return endResponse.apply(this, /** @type {any} */ (args));
      if (!this.writableEnded) endResponse.call(this, REFUSAL);
      return this;
    }
  );
}
