import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { importHashList, type ImportContext } from '@/lib/hashes/import-hash-list';
import { retireHashList } from '@/lib/hashes/retire-hash-list';
import { ZHashListImportInput } from '@/lib/hashes/schema';
import { reportAccount } from '../factories/cases';

const prisma = getPrisma();
const cli: ImportContext = { actor: { type: 'system', id: 'cli' }, via: 'cli', importedById: null };

const hex = (n: number, length: number) => n.toString(16).padStart(length, '0');
const pdq = (n: number) => `PDQ:${hex(n, 64)}`;
const md5 = (n: number) => `MD5:${hex(n, 32)}`;

async function* bytes(text: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof text === 'string' ? Buffer.from(text) : text;
}

function input(name: string, extra: Record<string, unknown> = {}) {
  return ZHashListImportInput.parse({ name, source: 'Test hotline', category: 'child_sexual_imagery', replace: false, ...extra });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('importing a hash list', () => {
  it('creates a list from CSV with a header, labels and duplicates, with history and audit in one go', async () => {
    const csv = ['hash,label', `${md5(1)},first`, `${pdq(2)},"a label, with a comma"`, `SHA-1:${hex(3, 40)}`, `${md5(1)},duplicate`, `pdna:${'A'.repeat(192)}`, `${md5(1).toLowerCase()}`].join('\n');
    const result = await importHashList(input('csv list'), 'list.csv', bytes(csv), cli);
    expect(result).toMatchObject({ mode: 'create', entriesAdded: 4, duplicatesDropped: 2, linesRejected: 0, generation: 1 });
    expect(result.algorithmCounts).toEqual({ md5: 1, sha1: 1, photodna: 1, pdq: 1 });

    const list = await prisma.hashList.findUniqueOrThrow({ where: { name: 'csv list' }, include: { imports: true } });
    const entries = await prisma.hashListEntry.findMany({ where: { listId: list.id }, orderBy: { id: 'asc' } });
    expect(list).toMatchObject({ status: 'active', entryCount: 4, source: 'Test hotline', category: 'child_sexual_imagery', pdqMaxDistance: 31 });
    expect(list.algorithmCounts).toEqual({ md5: 1, sha1: 1, photodna: 1, pdq: 1 });
    const byAlg = Object.fromEntries(entries.map((e) => [e.algorithm, e]));
    expect(byAlg.md5).toMatchObject({ value: hex(1, 32), label: 'first' }); // the first line's label wins
    expect(byAlg.pdq?.label).toBe('a label, with a comma');
    expect(byAlg.photodna?.value).toBe('A'.repeat(192));
    expect(list.imports).toEqual([expect.objectContaining({ mode: 'create', fileName: 'list.csv', entriesAdded: 4, linesRejected: 0, via: 'cli', importedById: null })]);

    const audit = await prisma.auditEntry.findMany({ where: { entityId: list.id } });
    expect(audit).toEqual([expect.objectContaining({ event: 'hashlist.created', actorType: 'system', actorId: 'cli', entityType: 'hash_list' })]);
    expect(audit[0]!.payload).toMatchObject({ name: 'csv list', entriesAdded: 4, duplicatesDropped: 2, algorithmCounts: { pdq: 1 } });
  });

  it('reads JSON lines, counts bad lines and reports the first with line numbers', async () => {
    const lines = [
      JSON.stringify({ hash: pdq(10), label: 'ok' }),
      'not json',
      JSON.stringify({ hash: 'MD5:xyz' }),
      JSON.stringify({ hash: `SHA256:${hex(11, 64)}`, label: 'bad\u0000label' }),
      '',
      JSON.stringify({ hash: `sha-256:${hex(12, 64).toUpperCase()}` }),
      JSON.stringify({ hash: `CRC32:${hex(1, 8)}` }),
    ].join('\n');
    const result = await importHashList(input('jsonl list'), 'feed.jsonl', bytes(lines), cli);
    expect(result).toMatchObject({ entriesAdded: 2, linesRejected: 4 });
    expect(result.problems.map((p) => p.line)).toEqual([2, 3, 4, 7]);
    expect(result.problems[1]!.message).toMatch(/wrong length/);
    expect(result.problems[3]!.message).toMatch(/algorithm other than/);
    const entries = await prisma.hashListEntry.findMany({ where: { listId: result.listId }, orderBy: { algorithm: 'asc' } });
    expect(entries.map((e) => [e.algorithm, e.value])).toEqual([
      ['sha256', hex(12, 64)],
      ['pdq', hex(10, 64)],
    ]);
    const history = await prisma.hashListImport.findFirstOrThrow({ where: { list: { name: 'jsonl list' } } });
    expect(history.linesRejected).toBe(4);
  });

  it('detects JSON lines by content when the extension says nothing', async () => {
    const result = await importHashList(input('sniffed'), 'export', bytes(`${JSON.stringify({ hash: md5(5) })}\n`), cli);
    expect(result.entriesAdded).toBe(1);
  });

  it('refuses media, binary and empty files with a 4xx and leaves nothing behind', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
    expect((await refusal(importHashList(input('media'), 'list.csv', bytes(jpeg), cli))).status).toBe(415);
    expect((await refusal(importHashList(input('media'), 'photo.jpg', bytes('MD5:' + hex(1, 32)), cli))).status).toBe(415);
    expect((await refusal(importHashList(input('media'), 'list.csv', bytes(`${md5(1)}\n\u0000\n`), cli))).status).toBe(415);
    expect((await refusal(importHashList(input('media'), 'list.csv', bytes(new Uint8Array([0x4d, 0x44, 0x35, 0xc3, 0x28])), cli))).status).toBe(415);
    const none = await refusal(importHashList(input('media'), 'list.csv', bytes('hash\nnot a hash\nMD5:12\n'), cli));
    expect(none.status).toBe(400);
    expect(none.userMessage).toMatch(/line 2: .*line 3: /);
    expect((await refusal(importHashList(input('media'), 'list.csv', bytes(''), cli))).userMessage).toMatch(/empty/);
    const unclosed = await refusal(importHashList(input('media'), 'list.csv', bytes(`${md5(1)},"never closed\n"${md5(2)}\n`), cli));
    expect(unclosed.userMessage).toMatch(/line 1: a quoted field is not closed.*line 2: a quoted field/);
    expect(await prisma.hashList.count({ where: { name: 'media' } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { event: { startsWith: 'hashlist.' }, payload: { path: ['name'], equals: 'media' } } })).toBe(0);
  });

  it('refuses a second list with the same name (409) and a replace of a list that does not exist (404)', async () => {
    await importHashList(input('taken'), 'a.csv', bytes(md5(1)), cli);
    expect((await refusal(importHashList(input('taken'), 'a.csv', bytes(md5(2)), cli))).status).toBe(409);
    expect((await refusal(importHashList(input('nowhere', { replace: true }), 'a.csv', bytes(md5(2)), cli))).status).toBe(404);
  });

  it('treats a name typed in another Unicode form as the same list, and refuses one differing only in letter case', async () => {
    const composed = 'Caf\u00e9 list';
    const decomposed = 'Cafe\u0301 list';
    await importHashList(input(composed), 'a.csv', bytes(md5(11)), cli);
    expect((await refusal(importHashList(input(decomposed), 'a.csv', bytes(md5(12)), cli))).status).toBe(409);
    const replaced = await importHashList(input(decomposed, { replace: true }), 'a.csv', bytes(md5(13)), cli);
    expect(replaced.mode).toBe('replace');
    const lookAlike = await refusal(importHashList(input('CAF\u00c9 LIST'), 'a.csv', bytes(md5(14)), cli));
    expect(lookAlike.status).toBe(409);
    expect(lookAlike.userMessage).toContain('differing only in letter case');
    expect(await prisma.hashList.count({ where: { name: { in: [composed, decomposed, 'CAF\u00c9 LIST'] } } })).toBe(1);
  });

  it('replaces every entry in one transaction, keeps the history and bumps the generation', async () => {
    const first = await importHashList(input('swap', { pdqMaxDistance: 20 }), 'v1.csv', bytes([md5(1), md5(2), pdq(3)].join('\n')), cli);
    const second = await importHashList(input('swap', { replace: true, source: undefined, category: undefined, pdqMaxDistance: 25 }), 'v2.csv', bytes([md5(2), pdq(4)].join('\n')), cli);
    expect(second).toMatchObject({ mode: 'replace', listId: first.listId, entriesAdded: 2, entriesRemoved: 3, generation: 2 });
    const list = await prisma.hashList.findUniqueOrThrow({ where: { id: first.listId }, include: { imports: { orderBy: { finishedAt: 'asc' } } } });
    const entries = await prisma.hashListEntry.findMany({ where: { listId: list.id } });
    expect(list).toMatchObject({ generation: 2, entryCount: 2, pdqMaxDistance: 25, source: 'Test hotline' });
    expect(entries.map((e) => e.value).sort()).toEqual([hex(2, 32), hex(4, 64)].sort());
    expect(list.imports.map((i) => [i.mode, i.fileName])).toEqual([
      ['create', 'v1.csv'],
      ['replace', 'v2.csv'],
    ]);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { entityId: first.listId, event: 'hashlist.replaced' } });
    expect(audit.payload).toMatchObject({ entriesRemoved: 3, entriesAdded: 2, generation: 2 });

    // A replacement with nothing readable changes nothing at all.
    await refusal(importHashList(input('swap', { replace: true }), 'v3.csv', bytes('junk\n'), cli));
    expect(await prisma.hashListEntry.count({ where: { listId: first.listId } })).toBe(2);
    expect((await prisma.hashList.findUniqueOrThrow({ where: { id: first.listId } })).generation).toBe(2);
  });

  it('retires a list: entries removed, status and generation changed, audited; a second retirement is a 409', async () => {
    const created = await importHashList(input('old'), 'old.csv', bytes([md5(7), pdq(8)].join('\n')), cli);
    const retired = await retireHashList('old', { actor: { type: 'system', id: 'cli' }, via: 'cli' });
    expect(retired).toMatchObject({ listId: created.listId, entriesRemoved: 2, generation: 2 });
    const list = await prisma.hashList.findUniqueOrThrow({ where: { id: created.listId } });
    expect(list).toMatchObject({ status: 'retired', entryCount: 0, generation: 2 });
    expect(list.retiredAt).toBeInstanceOf(Date);
    expect(await prisma.hashListEntry.count({ where: { listId: created.listId } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { entityId: created.listId, event: 'hashlist.retired' } })).toBe(1);
    expect((await refusal(retireHashList('old', { actor: { type: 'system' }, via: 'cli' }))).status).toBe(409);
    expect((await refusal(retireHashList('never', { actor: { type: 'system' }, via: 'cli' }))).status).toBe(404);
    expect((await refusal(importHashList(input('old', { replace: true }), 'new.csv', bytes(md5(9)), cli))).status).toBe(409);
  });

  it('replaces and retires a list whose entries cases already matched: the matches stay, their entry link cleared', async () => {
    const created = await importHashList(input('matched'), 'm.csv', bytes(`${md5(42)},the label`), cli);
    const kase = await reportAccount();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: kase.caseId } });
    const entry = await prisma.hashListEntry.findFirstOrThrow({ where: { listId: created.listId } });
    await prisma.caseHashMatch.create({
      data: { caseId: kase.caseId, reportId: report.id, listId: created.listId, entryId: entry.id, entryLabel: entry.label, algorithm: 'md5', reportHash: md5(42), distance: 0 },
    });
    await importHashList(input('matched', { replace: true }), 'm2.csv', bytes(md5(43)), cli);
    await retireHashList('matched', { actor: { type: 'system', id: 'cli' }, via: 'cli' });
    const match = await prisma.caseHashMatch.findFirstOrThrow({ where: { listId: created.listId } });
    expect(match).toMatchObject({ entryId: null, entryLabel: 'the label', reportHash: md5(42) });
  });
});
