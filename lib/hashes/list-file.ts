import { parse as parseCsvLine } from 'csv-parse/sync';
import type { HashAlgorithm } from '@/lib/generated/prisma/enums';
import { AppError } from '@/lib/errors';
import { detectMedia } from '@/lib/referrals/media-sniff';
import { EMBEDDED_MEDIA_MESSAGE, findEmbeddedMedia, findTextProblem, TEXT_PROBLEM_MESSAGES } from '@/lib/security/text-rules';
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
    // A label is shown on case pages and cited in referral packets: it may not carry a media file.
    if (findEmbeddedMedia(trimmed)) return problems.add(line, `the label ${EMBEDDED_MEDIA_MESSAGE}`), null;
    if (trimmed.length > LABEL_MAX_LENGTH) return problems.add(line, `the label is longer than ${LABEL_MAX_LENGTH} characters`), null;
    label = trimmed || null;
  }
  return { line, ...read.hash, label };
}

/**
 * Longest line read (characters). A real line is a hash and a label of at most LABEL_MAX_LENGTH
 * (JSON-escaped, perhaps with a few more keys); anything longer is refused as a line, and only its
 * first LINE_MAX_LENGTH + 1 characters are ever held, so a file with no line breaks costs linear
 * time instead of re-splitting an ever-growing line for every chunk (which froze the web server).
 */
export const LINE_MAX_LENGTH = 16_384;
const clipLine = (line: string) => (line.length > LINE_MAX_LENGTH ? line.slice(0, LINE_MAX_LENGTH + 1) : line);

/** The text as batches of lines (one batch per chunk), line endings removed, each clipped to LINE_MAX_LENGTH + 1. */
async function* lineBatches(text: AsyncIterable<string>): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of text) {
    const lines = chunk.split('\n');
    lines[0] = rest + lines[0];
    rest = clipLine(lines.pop()!);
    if (lines.length > 0) yield lines.map(clipLine);
  }
  if (rest !== '') yield [rest];
}

/** What one line holds: a hash and label to check, a problem, or nothing (blank, comment, header). */
type LineReading = { hash: unknown; label: unknown } | { problem: string } | null;

async function* entriesOf(text: AsyncIterable<string>, problems: LineProblems, readLine: (line: string, lineNumber: number) => LineReading): AsyncGenerator<ListEntry[]> {
  let lineNumber = 0;
  for await (const lines of lineBatches(text)) {
    const batch: ListEntry[] = [];
    for (const raw of lines) {
      lineNumber++;
      if (raw.length > LINE_MAX_LENGTH) {
        problems.add(lineNumber, `the line is longer than ${LINE_MAX_LENGTH.toLocaleString('en')} characters`);
        continue;
      }
      const line = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();
      if (line === '') continue;
      const reading = readLine(line, lineNumber);
      if (reading === null) continue;
      if ('problem' in reading) problems.add(lineNumber, reading.problem);
      else {
        const entry = entryOf(lineNumber, reading.hash, reading.label, problems);
        if (entry) batch.push(entry);
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * One CSV line. Every record of a hash list is one line (a label may not hold a line break), so
 * lines are split here and only a line with a double quote goes through csv-parse (which is much
 * slower per record, especially when lines have different column counts).
 */
function readCsvLine(line: string, lineNumber: number): LineReading {
  if (line.startsWith('#')) return null; // a comment
  let fields: string[];
  if (!line.includes('"')) fields = line.split(',');
  else {
    try {
      const records = parseCsvLine(line, { relax_column_count: true }) as string[][];
      if (records.length !== 1) return { problem: 'not one CSV record' };
      fields = records[0]!;
    } catch {
      return { problem: 'a quoted field is not closed or has stray quotes' };
    }
  }
  if (lineNumber === 1 && /^(hash|hashes|value)$/i.test(fields[0]!.trim())) return null; // a header
  if (fields.length > 2) return { problem: 'more than two columns (hash,label); put a label with commas in double quotes' };
  return { hash: fields[0]!.trim(), label: fields[1] };
}

function readJsonLine(line: string): LineReading {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'not a JSON object {"hash": "ALG:value", "label": "…"}' };
  const { hash, label } = value as { hash?: unknown; label?: unknown };
  return { hash, label };
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
  yield* entriesOf(all, problems, format === 'jsonl' ? readJsonLine : readCsvLine);
}

async function* prepend(head: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  if (head) yield head;
  yield* rest;
}
