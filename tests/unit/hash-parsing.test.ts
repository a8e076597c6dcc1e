import { describe, expect, it } from 'vitest';
import { LineProblems, readListFile, type ListEntry } from '@/lib/hashes/list-file';
import { parseHashString, readHashString } from '@/lib/hashes/parse-hash';
import { ZHashListImportInput } from '@/lib/hashes/schema';

const photoDnaBase64 = 'Ab+/'.repeat(48); // 192 characters = 144 bytes

describe('parseHashString', () => {
  it('reads every algorithm and its aliases, case-insensitively, normalising hex to lower case', () => {
    expect(parseHashString(`MD5:${'AB'.repeat(16)}`)).toEqual({ algorithm: 'md5', value: 'ab'.repeat(16) });
    expect(parseHashString(`sha1:${'0'.repeat(40)}`)).toEqual({ algorithm: 'sha1', value: '0'.repeat(40) });
    expect(parseHashString(`SHA-1:${'F'.repeat(40)}`)).toEqual({ algorithm: 'sha1', value: 'f'.repeat(40) });
    expect(parseHashString(`Sha-256:${'c'.repeat(64)}`)).toEqual({ algorithm: 'sha256', value: 'c'.repeat(64) });
    expect(parseHashString(`SHA256:${'c'.repeat(64)}`)?.algorithm).toBe('sha256');
    expect(parseHashString(`pdq:${'E'.repeat(64)}`)).toEqual({ algorithm: 'pdq', value: 'e'.repeat(64) });
    expect(parseHashString(`PDNA:${photoDnaBase64}`)).toEqual({ algorithm: 'photodna', value: photoDnaBase64 });
    expect(parseHashString(`PhotoDNA:${'AB'.repeat(144)}`)).toEqual({ algorithm: 'photodna', value: 'ab'.repeat(144) });
    expect(parseHashString(`  MD5: ${'a'.repeat(32)} `)?.value).toBe('a'.repeat(32));
  });

  it('keeps base64 PhotoDNA exactly as given (it is case-sensitive)', () => {
    const mixed = 'aBcD'.repeat(48);
    expect(parseHashString(`PDNA:${mixed}`)?.value).toBe(mixed);
  });

  it('refuses wrong lengths, alphabets and unknown algorithms, saying which', () => {
    expect(readHashString('MD5:abc')).toEqual({ ok: false, problem: 'bad_value' });
    expect(readHashString(`MD5:${'g'.repeat(32)}`)).toEqual({ ok: false, problem: 'bad_value' });
    expect(readHashString(`SHA1:${'a'.repeat(32)}`)).toEqual({ ok: false, problem: 'bad_value' });
    expect(readHashString(`PDQ:${'a'.repeat(63)}`)).toEqual({ ok: false, problem: 'bad_value' });
    expect(readHashString(`PDNA:${photoDnaBase64}=`)).toEqual({ ok: false, problem: 'bad_value' });
    expect(readHashString(`CRC32:deadbeef`)).toEqual({ ok: false, problem: 'unknown_algorithm' });
    expect(readHashString('a'.repeat(32))).toEqual({ ok: false, problem: 'no_algorithm' });
    expect(parseHashString(':abc')).toBeNull();
  });
});

async function read(text: string | Uint8Array, fileName = 'list.csv') {
  const problems = new LineProblems(3);
  const entries: ListEntry[] = [];
  async function* source() {
    yield typeof text === 'string' ? Buffer.from(text) : text;
  }
  for await (const batch of readListFile(source(), fileName, problems)) entries.push(...batch);
  return { entries, problems };
}

describe('reading hash-list files', () => {
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';

  it('reads CSV with a header, quoted labels, comments, blank lines and a BOM, keeping line numbers', async () => {
    const { entries, problems } = await read(`\ufeffhash,label\n# a comment\nMD5:${md5},"Series A, frame 3"\n\nPDQ:${'0'.repeat(64)}\n`);
    expect(problems.count).toBe(0);
    expect(entries).toEqual([
      { line: 3, algorithm: 'md5', value: md5, label: 'Series A, frame 3' },
      { line: 5, algorithm: 'pdq', value: '0'.repeat(64), label: null },
    ]);
  });

  it('refuses lines with bad hashes, extra columns or unsafe labels, keeping only the first few', async () => {
    const { entries, problems } = await read(`MD5:${md5},ok\nMD5:1,x\nMD5:${md5},a,b\nMD5:${md5},"bad\u0001"\nXYZ:1\nMD5:2\n`);
    expect(entries).toHaveLength(1);
    expect(problems.count).toBe(5);
    expect(problems.first.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(problems.first[1]!.message).toMatch(/more than two columns/);
    expect(problems.first[2]!.message).toMatch(/control character/);
  });

  it('refuses a data: URI label (media riding inside text)', async () => {
    const { problems } = await read(`{"hash":"MD5:${md5}","label":"data:image/png;base64,iVBORw0KGgo="}`, 'x.jsonl');
    expect(problems.first[0]?.message).toMatch(/data: URI/);
  });

  it('reads JSON lines split across chunks', async () => {
    const problems = new LineProblems();
    const text = `{"hash":"MD5:${md5}","label":"one"}\n{"hash":"PDQ:${'f'.repeat(64)}"}\n`;
    async function* source() {
      for (let i = 0; i < text.length; i += 7) yield Buffer.from(text.slice(i, i + 7));
    }
    const entries: ListEntry[] = [];
    for await (const batch of readListFile(source(), 'list.ndjson', problems)) entries.push(...batch);
    expect(entries.map((e) => [e.line, e.algorithm, e.label])).toEqual([
      [1, 'md5', 'one'],
      [2, 'pdq', null],
    ]);
  });

  it('refuses PNG bytes, archives by name, and NUL bytes before reading a line', async () => {
    await expect(read(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).rejects.toMatchObject({ status: 415 });
    await expect(read(`MD5:${md5}`, 'hashes.zip')).rejects.toMatchObject({ status: 415 });
    await expect(read(`MD5:${md5}\u0000`)).rejects.toMatchObject({ status: 415 });
  });
});

describe('the import form schema', () => {
  it('needs source and category for a new list, not for a replacement', () => {
    expect(ZHashListImportInput.safeParse({ name: 'x', replace: false }).success).toBe(false);
    expect(ZHashListImportInput.safeParse({ name: 'x', replace: 'on' }).success).toBe(true);
    const parsed = ZHashListImportInput.parse({ name: ' x ', source: 'NCMEC', category: 'grooming', pdqMaxDistance: '20', replace: '' });
    expect(parsed).toEqual({ name: 'x', source: 'NCMEC', category: 'grooming', pdqMaxDistance: 20, replace: false });
    expect(ZHashListImportInput.safeParse({ name: 'x', source: 's', category: 'grooming', pdqMaxDistance: '64', replace: false }).success).toBe(false);
    expect(ZHashListImportInput.safeParse({ name: 'x\u0000', replace: true }).success).toBe(false);
  });
});
