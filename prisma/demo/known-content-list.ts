import type { StaffPrincipal } from '@/lib/auth/roles';
import { importHashList } from '@/lib/hashes/import-hash-list';
import { ZHashListImportInput } from '@/lib/hashes/schema';
import { seededRandom } from './random';
import type { DemoKnownContent } from './ring';

export const DEMO_LIST_NAME = 'Demo known-content list (fictional)';

/**
 * The demo's hash list, imported by the demo admin through the app's own import: the hashes the
 * ring's reports carry, among a few hundred random ones. Fictional: random hex that matches no real
 * material. The worker matches the ring's reports against it once the app runs.
 */
export async function importDemoHashList(admin: StaffPrincipal, known: DemoKnownContent, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const lines = ['hash,label'];
  for (const [i, md5] of known.md5.entries()) lines.push(`MD5:${md5},demo series ${i + 1}`);
  for (const [i, pdq] of known.pdq.entries()) lines.push(`PDQ:${pdq},demo frame ${i + 1}`);
  for (let i = 0; i < 300; i++) lines.push(`PDQ:${random.hex(64)}`);
  for (let i = 0; i < 100; i++) lines.push(`MD5:${random.hex(32)}`);
  const file = new TextEncoder().encode(lines.join('\n'));
  async function* content() {
    yield file;
  }
  const input = ZHashListImportInput.parse({ name: DEMO_LIST_NAME, source: 'Demo hotline (fictional)', category: 'child_sexual_imagery', pdqMaxDistance: 31 });
  await importHashList(input, 'demo-known-content.csv', content(), { actor: { type: 'staff', id: admin.id }, via: 'console', importedById: admin.id });
}
