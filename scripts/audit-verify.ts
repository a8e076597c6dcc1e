// `npm run audit:verify` — verifies the audit log (lib/audit/record-verification.ts): walks the keyed
// hash chain recomputing every hash and entry MAC, lists entries the application did not write, and
// compares the chain with the latest signed checkpoints outside the database. Prints the count and
// last hash, or each problem naming its chain position or entry.
// Exit status: 0 intact; 1 broken, tampered with, or entries left unsealed for over a minute;
// 2 could not run (no database, no key...). The check is itself recorded in the log
// (audit.chain_verified, system actor 'audit-verify').
// Without DATABASE_URL it uses the demo database under .data/ (started for the check if `npm start`
// is not running), with the demo secrets kept there; `-- --data-dir <dir>` names another demo folder.
import { parseArgs } from 'node:util';
import { demoDatabaseForCli } from './lib/demo-database-cli';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const demo = process.env.DATABASE_URL ? null : await demoDatabaseForCli(values['data-dir']);
  try {
    const { verifyAndRecordChain } = await import('../lib/audit/record-verification');
    const report = await verifyAndRecordChain({ actor: { type: 'system', id: 'audit-verify' } });
    (report.ok ? console.log : console.error)(report.message);
    console.log(report.anchorNote);
    if (report.broken) console.error(`BROKEN entry=${report.broken.entryId ?? 'none'} seq=${report.broken.seq}`);
    for (const finding of report.checkpoints.findings) console.error(`CHECKPOINT ${finding.kind} seq=${finding.seq ?? 'none'}`);
    for (const forged of report.forged) console.error(`FORGED entry=${forged.entryId}`);
    return report.ok ? 0 : 1;
  } finally {
    const { getPrisma } = await import('../lib/db');
    await getPrisma().$disconnect().catch(() => undefined);
    await demo?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('audit:verify could not run:', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
