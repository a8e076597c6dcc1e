// @ts-check
// Plain JavaScript: scripts/serve.mjs loads it before any request reaches Next.js or the intake
// fast path, so no TypeScript loader sits on the request path.
import { scriptlessResponseHeaders } from './security-headers.js';

/**
 * True when the path of a request target cannot be decoded: broken percent-encoding (`%ZZ`) or
 * bytes that are not UTF-8 (`%ED%A0%80`, an encoded lone surrogate; `%C0%AF`, an overlong form).
 * Next.js answered those with a bare "Internal Server Error" without security headers; no page can
 * be meant by such an address, so it is refused as a bad request before routing.
 * @param {string | undefined} target
 */
export function isMalformedTarget(target) {
  if (!target) return true;
  const end = target.search(/[?#]/);
  try {
    decodeURIComponent(end < 0 ? target : target.slice(0, end));
    return false;
  } catch {
    return true;
  }
}

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>This address is not valid</title></head>
<body><main>
<h1>This address is not valid</h1>
<p>It contains characters that cannot be part of a web address, so it does not lead to any page. The link may have been damaged when it was copied.</p>
<p>You can <a href="/report/status">check the status of a report with your reference</a> or <a href="/report">make a new report</a>.</p>
</main></body></html>
`;

const API_BODY = JSON.stringify({ error: 'invalid_request', message: 'The request path is not valid (broken percent-encoding or not UTF-8)' });

/**
 * Answers a malformed target with 400 and the security headers every response carries: JSON under
 * /api/, a short page elsewhere.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function refuseMalformedTarget(req, res) {
  const api = (req.url ?? '').startsWith('/api/');
  const body = Buffer.from(api ? API_BODY : PAGE);
  const headers = scriptlessResponseHeaders();
  headers['content-type'] = api ? 'application/json' : 'text/html; charset=utf-8';
  headers['cache-control'] = 'no-store';
  headers['content-length'] = String(body.byteLength);
  res.writeHead(400, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
