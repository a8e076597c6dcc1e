import { describe, expect, it, vi } from 'vitest';
import { retireHashListAction } from '@/app/(console)/console/hash-lists/actions';
import { POST } from '@/app/api/v1/hash-lists/route';
import { getPrisma } from '@/lib/db';
const LINE_MAX_LENGTH = 16_384;
import { createSignInStaff } from '../factories/staff';
import { signInAs } from '../factories/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);

/**
 * Attacks on the console's hash-list upload found by an outside penetration test (issue 12): media
 * riding in as base64 text, a body with no line breaks, and cross-site requests without an Origin.
 */

const prisma = getPrisma();
const admin = await createSignInStaff({ role: 'admin' });

/** A whole 1×1 PNG, base64: what a pasted picture looks like as text. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function upload(body: BodyInit, size: number, params: Record<string, string>, headers: Record<string, string> = {}) {
  const query = new URLSearchParams({ source: 'Hotline', category: 'child_sexual_imagery', replace: 'false', fileName: 'list.csv', size: String(size), ...params });
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', body, headers: { host: 'console.test', 'content-type': 'text/plain', ...headers } };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return POST(new Request(`http://console.test/api/v1/hash-lists?${query}`, init));
}

/** `bytes` as a stream of 64 KiB chunks, as a browser's upload arrives. */
function chunked(bytes: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + 65_536)));
      offset += 65_536;
    },
  });
}

describe('hostile hash-list uploads', () => {
  it('refuses a label that is a base64-encoded picture: the line is refused, nothing of it is stored', async () => {
    signInAs(admin);
    const csv = `MD5:${'a'.repeat(32)},${PNG_BASE64}\n{"x":1}\nMD5:${'b'.repeat(32)},fine\n`;
    const response = await upload(csv, Buffer.byteLength(csv), { name: 'base64 label' });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ entriesAdded: 1, linesRejected: 2 });
    expect(body.problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/encoded picture or video/) });
    const list = await prisma.hashList.findUniqueOrThrow({ where: { name: 'base64 label' }, select: { id: true } });
    const entries = await prisma.hashListEntry.findMany({ where: { listId: list.id }, select: { label: true } });
    expect(entries).toEqual([{ label: 'fine' }]);
  });

  it('refuses a list name or source that is a base64-encoded picture (400 naming the field), and creates nothing', async () => {
    signInAs(admin);
    const csv = `MD5:${'c'.repeat(32)}\n`;
    for (const params of [{ name: `x ${PNG_BASE64.slice(0, 90)}` }, { name: 'media source', source: PNG_BASE64 }] as Record<string, string>[]) {
      const response = await upload(csv, Buffer.byteLength(csv), params);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(/encoded picture or video/);
    }
    expect(await prisma.hashList.count({ where: { OR: [{ name: { startsWith: 'x iVBOR' } }, { name: 'media source' }] } })).toBe(0);
  });

  it('reads a 30 MB body without a line break in linear time, refusing that line and keeping the next', async () => {
    signInAs(admin);
    // Before: each 64 KiB chunk re-split the whole line read so far (quadratic), freezing the
    // server's event loop for tens of seconds. Now a line is held to LINE_MAX_LENGTH + 1 characters.
    const body = Buffer.concat([Buffer.alloc(30 * 1024 * 1024, 'a'), Buffer.from(`\nMD5:${'d'.repeat(32)},after\n`)]);
    const started = performance.now();
    const response = await upload(chunked(body), body.length, { name: 'one long line' });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      entriesAdded: 1,
      linesRejected: 1,
      problems: [{ line: 1, message: `the line is longer than ${LINE_MAX_LENGTH.toLocaleString('en')} characters` }],
    });
    expect(elapsed).toBeLessThan(2_000); // about 0.1 s now; 4.7 s before, on this machine
  });

  it('refuses a request the browser marks cross-site or same-site, even without an Origin', async () => {
    signInAs(admin);
    const csv = `MD5:${'e'.repeat(32)}\n`;
    for (const site of ['cross-site', 'same-site']) {
      const response = await upload(csv, Buffer.byteLength(csv), { name: `fetch site ${site}` }, { 'sec-fetch-site': site });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'forbidden' });
    }
    expect(await prisma.hashList.count({ where: { name: { startsWith: 'fetch site' } } })).toBe(0);
    const sameOrigin = await upload(csv, Buffer.byteLength(csv), { name: 'fetch site same-origin' }, { 'sec-fetch-site': 'same-origin', origin: 'http://console.test' });
    expect(sameOrigin.status).toBe(201);
  });

  it('a retire from a page that showed the list before it was replaced is refused 409; the replacement stays whole', async () => {
    signInAs(admin);
    const first = `MD5:${'1'.repeat(32)}\n`;
    expect((await upload(first, first.length, { name: 'stale retire' })).status).toBe(201);
    const shown = await prisma.hashList.findUniqueOrThrow({ where: { name: 'stale retire' }, select: { id: true, generation: true } });
    const second = `MD5:${'2'.repeat(32)}\nMD5:${'3'.repeat(32)}\n`;
    expect((await upload(second, second.length, { name: 'stale retire', replace: 'true' })).status).toBe(201);

    const stale = await retireHashListAction({ name: 'stale retire', expectedGeneration: shown.generation });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/replaced since this page was loaded/) } });
    expect(await prisma.hashList.findUniqueOrThrow({ where: { id: shown.id }, select: { status: true, entryCount: true } })).toEqual({ status: 'active', entryCount: 2 });
    expect(await prisma.hashListEntry.count({ where: { listId: shown.id } })).toBe(2);
    expect(await prisma.auditEntry.count({ where: { entityId: shown.id, event: 'hashlist.retired' } })).toBe(0);

    const current = await prisma.hashList.findUniqueOrThrow({ where: { id: shown.id }, select: { generation: true } });
    expect(await retireHashListAction({ name: 'stale retire', expectedGeneration: current.generation })).toMatchObject({ ok: true });
    expect(await prisma.auditEntry.count({ where: { entityId: shown.id, event: 'hashlist.retired' } })).toBe(1);

    // Its name is not reused, and the refusal says why instead of suggesting "replace" (which refuses a retired list too).
    const again = await upload(first, first.length, { name: 'stale retire' });
    expect(again.status).toBe(409);
    expect((await again.json()).message).toMatch(/retired hash list is named "stale retire".*new name/);
  });

  it('a replace and a retire of one list from two sessions at once: exactly one wins, the other is a 409, and the data matches the winner', async () => {
    signInAs(admin);
    const first = `MD5:${'4'.repeat(32)}\n`;
    expect((await upload(first, first.length, { name: 'raced' })).status).toBe(201);
    const shown = await prisma.hashList.findUniqueOrThrow({ where: { name: 'raced' }, select: { id: true, generation: true } });
    const rows = Array.from({ length: 50_000 }, (_, i) => `SHA256:${i.toString(16).padStart(64, '0')},row ${i}`).join('\n');
    const replacement = Buffer.from(`${rows}\n`);
    const [replaced, retired] = await Promise.all([
      upload(chunked(replacement), replacement.length, { name: 'raced', replace: 'true' }),
      retireHashListAction({ name: 'raced', expectedGeneration: shown.generation }),
    ]);
    const list = await prisma.hashList.findUniqueOrThrow({ where: { id: shown.id }, select: { status: true, entryCount: true } });
    const audited = (await prisma.auditEntry.findMany({ where: { entityId: shown.id }, orderBy: { id: 'asc' }, select: { event: true } })).map((e) => e.event);
    if (replaced.status === 201) {
      expect(retired).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(list).toEqual({ status: 'active', entryCount: 50_000 });
      expect(await prisma.hashListEntry.count({ where: { listId: shown.id } })).toBe(50_000);
      expect(audited).toEqual(['hashlist.created', 'hashlist.replaced']);
    } else {
      expect(replaced.status).toBe(409);
      expect(retired).toMatchObject({ ok: true });
      expect(list).toEqual({ status: 'retired', entryCount: 0 });
      expect(await prisma.hashListEntry.count({ where: { listId: shown.id } })).toBe(0);
      expect(audited).toEqual(['hashlist.created', 'hashlist.retired']);
    }
  });
});
