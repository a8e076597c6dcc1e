// `npm run hashlist:import -- --name <list> [--source <who vouches>] [--category <HarmCategory>]
//                              [--pdq-distance N] [--replace] <file>`
// Imports a hash-list file (CSV `hash,label` or JSON lines {"hash":"ALG:value","label":"…"}) as a
// new list, or with --replace swaps every entry of an existing one, in one transaction, audited as
// the system actor 'cli' (lib/hashes/import-hash-list.ts). The file is streamed from disk with no
// size limit (the console's upload stops at 50 MB). Exit codes: 0 imported, 2 refused (nothing
// imported; the reason is printed), 1 anything else.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fail, runHashListCli } from './lib/hash-list-cli';
import { importHashList } from '../lib/hashes/import-hash-list';
import { ZHashListFileName, ZHashListImportInput } from '../lib/hashes/schema';
import { HARM_CATEGORIES } from '../lib/reports/categories';

const USAGE = `Usage: npm run hashlist:import -- --name <list> [--source <source>] [--category <${HARM_CATEGORIES.join('|')}>]
                                  [--pdq-distance <0-63, default 31>] [--replace] <file.csv|file.jsonl>
A new list needs --source and --category; --replace keeps the list's own unless given.`;

async function main() {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    name: { type: 'string' },
    source: { type: 'string' },
    category: { type: 'string' },
    'pdq-distance': { type: 'string' },
    replace: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ options, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(USAGE);
  if (positionals.length !== 1) fail(USAGE);
  const file = positionals[0]!;
  if (!process.env.DATABASE_URL) fail('Set DATABASE_URL to the console database first.');
  const input = ZHashListImportInput.safeParse({
    name: values.name,
    source: values.source,
    category: values.category,
    pdqMaxDistance: values['pdq-distance'],
    replace: values.replace ?? false,
  });
  if (!input.success) fail(input.error.issues.map((i) => `--${String(i.path[0] ?? 'input').replace('pdqMaxDistance', 'pdq-distance')}: ${i.message}`).join('\n'));
  const fileName = ZHashListFileName.safeParse(path.basename(file));
  if (!fileName.success) fail(`The file name ${fileName.error.issues[0]?.message ?? 'is not usable'}`);
  const info = await stat(file).catch(() => fail(`Cannot read ${file}`));
  if (!info.isFile()) fail(`${file} is not a file`);

  const started = performance.now();
  const result = await importHashList(input.data, fileName.data, createReadStream(file, { highWaterMark: 1 << 20 }), {
    actor: { type: 'system', id: 'cli' },
    via: 'cli',
    importedById: null,
  });
  const seconds = (performance.now() - started) / 1000;
  const counts = Object.entries(result.algorithmCounts).map(([alg, n]) => `${alg} ${n}`).join(', ');
  console.log(`${result.mode === 'create' ? 'Created' : 'Replaced'} list "${input.data.name}" (${result.listId}), generation ${result.generation}.`);
  console.log(`Entries: ${result.entriesAdded} (${counts}); ${result.duplicatesDropped} duplicates dropped; ${result.entriesRemoved} old entries removed.`);
  console.log(`Imported in ${seconds.toFixed(1)} s (${Math.round(result.entriesAdded / seconds)} hashes/s).`);
  if (result.linesRejected > 0) {
    console.warn(`${result.linesRejected} lines were refused and not imported; the first ones:`);
    for (const p of result.problems) console.warn(`  line ${p.line}: ${p.message}`);
  }
}

runHashListCli(main);
