import { once } from 'node:events';
import { parse as parseCsv } from 'csv-parse';
import type { HashAlgorithm } from '@/lib/generated/prisma/enums';
import { AppError } from '@/lib/errors';
import { detectMedia } from '@/lib/referrals/media-sniff';
import { findTextProblem, TEXT_PROBLEM_MESSAGES } from '@/lib/security/text-rules';
import { HASH_PROBLEM_MESSAGES, readHashString } from './parse-hash';

/**
 * Reading a hash-list file: CSV (`hash,label`, optional header, `#` comment lines) or JSON lines
 * (`{"hash":"ALG:value","label":"…"}`), streamed so a ten-million-line file never sits in memory.
 * The file itself is never stored: only the entries read from it. Anything that is not UTF-8 text
 * (media or archive magic bytes or extension, a NUL byte, invalid UTF-8) is refused outright.
 */

export type ListEntry = { line: number; algorithm: HashAlgorithm; value: string; label: string | null };
export type LineProblem = { line: number; message: string };
export type ListFormat = 'csv' | 'jsonl';

export const LABEL_MAX_LENGTH = 500;
/** Batches keep the per-entry cost of async iteration low on large files. */
const BATCH = 2_000;

/** Counts every refused line and keeps the first few (with line numbers) to show. */
export class LineProblems {
  count = 0;
  readonly first: LineProblem[] = [];
  constructor(readonly keep = 10) {}
  add(line: number, message: string): void {
    this.count++;
    if (this.first.length < this.keep) this.first.push({ line, message });
  }
}

export function formatFromName(fileName: string): ListFormat | null {
  if (/\.(jsonl|ndjson|json)$/i.test(fileName)) return 'jsonl';
  if (/\.(csv|txt|tsv)$/i.test(fileName)) return 'csv';
  return null;
}

function notText(message: string): AppError {
  return new AppError('unsupported_media_type', `${message}. Only hash lists (CSV or JSON lines text) are accepted; media is never uploaded or stored. Nothing was imported.`);
}

/** The file as UTF-8 text chunks, refusing media, archives, NUL bytes and invalid UTF-8. */
async function* textOf(source: AsyncIterable<Uint8Array>, fileName: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    if (first) {
      const media = detectMedia(fileName.toLowerCase(), chunk);
      if (media) throw notText(`This file is a ${media}, not a hash list`);
      first = false;
    }
    if (chunk.indexOf(0) >= 0) throw notText('This file contains NUL bytes, so it is not a text file');
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw notText('This file is not UTF-8 text');
    }
  }
  try {
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch {
    throw notText('This file is not UTF-8 text');
  }
}

/** Checks one line's hash and label; returns the entry or records the problem. */
function entryOf(line: number, hashText: unknown, labelText: unknown, problems: LineProblems): ListEntry | null {
  if (typeof hashText !== 'string' || hashText.trim() === '') return problems.add(line, 'no hash'), null;
  const read = readHashString(hashText.trim());
  if (!read.ok) return problems.add(line, `the hash ${HASH_PROBLEM_MESSAGES[read.problem]}`), null;
  let label: string | null = null;
  if (labelText !== undefined && labelText !== null) {
    if (typeof labelText !== 'string') return problems.add(line, 'the label must be text'), null;
    const trimmed = labelText.trim();
    const problem = findTextProblem(trimmed);
    if (problem) return problems.add(line, `the label ${TEXT_PROBLEM_MESSAGES[problem]}`), null;
    if (trimmed.length > LABEL_MAX_LENGTH) return problems.add(line, `the label is longer than ${LABEL_MAX_LENGTH} characters`), null;
    label = trimmed || null;
  }
  return { line, ...read.hash, label };
}

async function* csvEntries(text: AsyncIterable<string>, problems: LineProblems): AsyncGenerator<ListEntry[]> {
  const parser = parseCsv({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, comment: '#', comment_no_infix: true, info: true });
  const feeding = (async () => {
    try {
      for await (const chunk of text) if (!parser.write(chunk)) await once(parser, 'drain');
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let batch: ListEntry[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (line === 1 && /^(hash|hashes|value)$/i.test(record[0] ?? '')) continue; // a header
      if (record.length > 2) {
        problems.add(line, 'more than two columns (hash,label); put a label with commas in double quotes');
        continue;
      }
      const entry = entryOf(line, record[0], record[1], problems);
      if (entry && batch.push(entry) >= BATCH) yield batch, (batch = []);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    const where = (error as { lines?: number }).lines;
    throw new AppError('invalid_input', `The CSV cannot be read${where ? ` at line ${where}` : ''} (${code ?? 'malformed'}); nothing was imported.`);
  }
  await feeding;
  if (batch.length > 0) yield batch;
}

async function* jsonLineEntries(text: AsyncIterable<string>, problems: LineProblems): AsyncGenerator<ListEntry[]> {
  let rest = '';
  let line = 0;
  let batch: ListEntry[] = [];
  const take = (raw: string) => {
    line++;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return problems.add(line, 'not valid JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return problems.add(line, 'not a JSON object {"hash": "ALG:value", "label": "…"}');
    const { hash, label } = value as { hash?: unknown; label?: unknown };
    const entry = entryOf(line, hash, label, problems);
    if (entry) batch.push(entry);
  };
  for await (const chunk of text) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const raw of lines) take(raw);
    if (batch.length >= BATCH) yield batch, (batch = []);
  }
  if (rest !== '') take(rest);
  if (batch.length > 0) yield batch;
}

/**
 * The entries of a hash-list file, in batches, in file order; refused lines go to `problems`.
 * The format comes from the extension, else from the first character (`{` means JSON lines).
 */
export async function* readListFile(source: AsyncIterable<Uint8Array>, fileName: string, problems: LineProblems): AsyncGenerator<ListEntry[]> {
  const text = textOf(source, fileName);
  let format = formatFromName(fileName);
  let head: string | undefined;
  if (!format) {
    const first = await text.next();
    head = first.done ? '' : first.value;
    format = head.trimStart().replace(/^\ufeff/, '').startsWith('{') ? 'jsonl' : 'csv';
  }
  const all = head === undefined ? text : prepend(head, text);
  yield* format === 'jsonl' ? jsonLineEntries(all, problems) : csvEntries(all, problems);
}

async function* prepend(head: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  if (head) yield head;
  yield* rest;
}
