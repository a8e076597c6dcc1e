import { expect, test } from '@playwright/test';
import { multipartUpload, rawPost } from './raw-http';

// A refusal the client can read: the server answers 415/413 and reads the rest of the refused body
// (discarding it) before closing, so a client still sending gets the answer, not ECONNRESET or EPIPE.
// Raw node:http clients, one connection each, like a platform's uploader.
const SIZES = [8, 200 * 1024, 2 * 1024 * 1024];

test('30 multipart uploads of 8 B, 200 KB and 2 MB all receive their 415', async ({ baseURL }) => {
  const url = `${baseURL}/api/v1/reports`;
  const results = [];
  for (let i = 0; i < 30; i++) {
    const upload = multipartUpload(SIZES[i % SIZES.length]!);
    results.push(await rawPost(url, upload.headers, upload.body));
  }
  const summary = results.map((r) => ('status' in r ? r.status : r.error));
  expect(summary).toEqual(Array(30).fill(415));
  const first = results[0] as { body: string };
  expect(JSON.parse(first.body).error).toBe('unsupported_media_type');
});

test('an oversized JSON body receives its 413', async ({ baseURL }) => {
  const url = `${baseURL}/api/v1/reports`;
  const big = Buffer.from(JSON.stringify({ account: { handle: 'x' }, category: 'grooming', description: 'x'.repeat(2 * 1024 * 1024) }));
  for (let i = 0; i < 5; i++) {
    const result = await rawPost(url, { 'content-type': 'application/json' }, big);
    expect('status' in result ? result.status : result.error).toBe(413);
  }
});
