// `npm run audit:verify` — walks the audit hash chain in the database at DATABASE_URL, recomputing
// every hash (lib/audit/verify.ts). Prints the count and last hash, or the first entry that does not
// match. Exit status: 0 intact; 1 broken, or entries left unsealed for over a minute; 2 could not run.
// The check is itself recorded in the log (audit.chain_verified, system actor 'audit-verify').
import { verifyAndRecordChain } from '../lib/audit/record-verification';
import { getPrisma } from '../lib/db';

async function main(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set: point it at the console database.');
    return 2;
  }
  const report = await verifyAndRecordChain({ actor: { type: 'system', id: 'audit-verify' } });
  (report.ok ? console.log : console.error)(report.message);
  if (report.broken) console.error(`BROKEN entry=${report.broken.entryId ?? 'none'} seq=${report.broken.seq}`);
  return report.ok ? 0 : 1;
}

main()
  .then(async (code) => {
    await getPrisma().$disconnect();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error('audit:verify could not run:', error instanceof Error ? error.message : error);
    await getPrisma().$disconnect().catch(() => undefined);
    process.exit(2);
  });
