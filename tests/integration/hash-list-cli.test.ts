import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';

const prisma = getPrisma();
const root = path.resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'tc-hashlist-cli-'));

/** Runs one of the hash-list scripts as `npm run` would, against this file's database. */
function run(script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', path.join(root, 'scripts', script), ...args], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('npm run hashlist:import / hashlist:retire', () => {
  it('imports, replaces and retires a list as the CLI actor, with clear exit codes', async () => {
    const csv = file('hotline.csv', `hash,label\nMD5:${'1'.repeat(32)},one\nPDQ:${'2'.repeat(64)}\nMD5:nope\n`);
    const created = await run('hashlist-import.ts', ['--name', 'Hotline list', '--source', 'Hotline', '--category', 'child_sexual_imagery', '--pdq-distance', '24', csv]);
    expect(created.out).toContain('Created list "Hotline list"');
    expect(created.out).toContain('line 4: the hash has a value of the wrong length');
    expect(created.code).toBe(0);
    const list = await prisma.hashList.findUniqueOrThrow({ where: { name: 'Hotline list' } });
    expect(list).toMatchObject({ entryCount: 2, pdqMaxDistance: 24 });
    const history = await prisma.hashListImport.findFirstOrThrow({ where: { listId: list.id } });
    expect(history).toMatchObject({ via: 'cli', importedById: null, linesRejected: 1, fileName: 'hotline.csv' });
    expect(await prisma.auditEntry.findFirst({ where: { entityId: list.id, event: 'hashlist.created' } })).toMatchObject({ actorType: 'system', actorId: 'cli' });

    const replaced = await run('hashlist-import.ts', ['--name', 'Hotline list', '--replace', file('v2.jsonl', `{"hash":"SHA1:${'3'.repeat(40)}"}\n`)]);
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain('Replaced list');
    expect((await prisma.hashList.findUniqueOrThrow({ where: { id: list.id } })).entryCount).toBe(1);

    const retired = await run('hashlist-retire.ts', ['--name', 'Hotline list']);
    expect(retired.code).toBe(0);
    expect((await prisma.hashList.findUniqueOrThrow({ where: { id: list.id } })).status).toBe('retired');
    expect((await run('hashlist-retire.ts', ['--name', 'Hotline list'])).code).toBe(2);
  }, 60_000);

  it('exits 2 with a reason and imports nothing for bad input', async () => {
    const missingSource = await run('hashlist-import.ts', ['--name', 'x', file('a.csv', `MD5:${'1'.repeat(32)}\n`)]);
    expect(missingSource.code).toBe(2);
    expect(missingSource.out).toContain('--source');
    const media = await run('hashlist-import.ts', ['--name', 'x', '--source', 's', '--category', 'grooming', file('b.csv', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))]);
    expect(media.code).toBe(2);
    expect(media.out).toMatch(/JPEG image, not a hash list/);
    const nothing = await run('hashlist-import.ts', ['--name', 'x', '--source', 's', '--category', 'grooming', file('c.csv', 'no hashes here\n')]);
    expect(nothing.code).toBe(2);
    expect(await prisma.hashList.count({ where: { name: 'x' } })).toBe(0);
  }, 60_000);
});
