import { describe, expect, it, vi } from 'vitest';
import { getPrisma } from '@/lib/db';
import { POST } from '@/app/api/v1/hash-lists/route';
import { createSignInStaff } from '../factories/staff';
import { signInAs } from '../factories/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);

const prisma = getPrisma();
const admin = await createSignInStaff({ role: 'admin' });

function upload(body: BodyInit, params: Record<string, string>, headers: Record<string, string> = {}) {
  const query = new URLSearchParams({ source: 'Hotline', category: 'child_sexual_imagery', replace: 'false', fileName: 'list.csv', ...params });
  return POST(new Request(`http://console.test/api/v1/hash-lists?${query}`, { method: 'POST', body, headers: { host: 'console.test', ...headers } }));
}

describe('POST /api/v1/hash-lists (the console upload)', () => {
  it('imports a file as the signed-in admin: 201 with counts, history naming the admin, audited as staff', async () => {
    signInAs(admin);
    const csv = `MD5:${'a'.repeat(32)},one\nPDQ:${'b'.repeat(64)}\nbad line\n`;
    const response = await upload(csv, { name: 'uploaded', size: String(Buffer.byteLength(csv)) }, { 'content-type': 'text/csv' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ entriesAdded: 2, linesRejected: 1, problems: [{ line: 3 }] });
    const list = await prisma.hashList.findUniqueOrThrow({ where: { name: 'uploaded' }, include: { imports: true } });
    expect(list.imports[0]).toMatchObject({ via: 'console', importedById: admin.id });
    expect(await prisma.auditEntry.findFirst({ where: { entityId: list.id } })).toMatchObject({ event: 'hashlist.created', actorType: 'staff', actorId: admin.id });
  });

  it('answers every bad upload with a clear 4xx and imports nothing', async () => {
    signInAs(admin);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const cases: [Response, number, RegExp][] = [
      [await upload(jpeg, { name: 'bad', size: '7' }), 415, /JPEG image/],
      [await upload('x', { name: 'bad', size: '1' }, { 'content-type': 'image/png' }), 415, /media is never uploaded/],
      [await upload('x', { name: 'bad', size: String(60 * 1024 * 1024) }), 413, /hashlist:import/],
      [await upload(`MD5:${'c'.repeat(32)}\n`, { name: 'bad', size: '9999' }), 400, /incomplete/],
      [await upload('nothing\n', { name: 'bad', size: '8' }), 400, /Nothing was imported/],
      [await upload('x', { name: '', size: '1' }), 400, /./],
      [await upload('x', { name: 'bad', size: '1', pdqMaxDistance: '99' }), 400, /./],
      [await upload('x', { name: 'bad', size: '1' }, { origin: 'https://evil.example' }), 403, /Cross-site/],
    ];
    for (const [response, status, text] of cases) {
      expect(response.status).toBe(status);
      expect(JSON.stringify(await response.json())).toMatch(text);
    }
    expect(await prisma.hashList.count({ where: { name: 'bad' } })).toBe(0);
  });

  it('refuses anyone below admin', async () => {
    signInAs(await createSignInStaff({ role: 'supervisor' }));
    expect((await upload('x', { name: 'sup', size: '1' })).status).toBe(403);
    signInAs(null);
    expect((await upload('x', { name: 'anon', size: '1' })).status).toBe(401);
  });
});
