// `npm run hashlist:retire -- --name <list>`
// Retires a hash list: its entries are removed and it no longer matches (lib/hashes/retire-hash-list.ts),
// audited as the system actor 'cli'. Exit codes: 0 retired, 2 refused (no such list, already
// retired), 1 anything else.
import { parseArgs } from 'node:util';
import { fail, runHashListCli } from './lib/hash-list-cli';
import { retireHashList } from '../lib/hashes/retire-hash-list';
import { ZRetireHashListInput } from '../lib/hashes/schema';

async function main() {
  let name: string | undefined;
  try {
    ({ values: { name } } = parseArgs({ options: { name: { type: 'string' } }, strict: true }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error}\nUsage: npm run hashlist:retire -- --name <list>`);
  }
  const input = ZRetireHashListInput.safeParse({ name });
  if (!input.success) fail(`Usage: npm run hashlist:retire -- --name <list> (${input.error.issues[0]?.message})`);
  if (!process.env.DATABASE_URL) fail('Set DATABASE_URL to the console database first.');
  const result = await retireHashList(input.data.name, { actor: { type: 'system', id: 'cli' }, via: 'cli' });
  console.log(`Retired list "${input.data.name}": ${result.entriesRemoved} entries removed; it no longer matches.`);
}

runHashListCli(main);
