// `npm run worker:health [-- --max-age 180] [--this-host]`: exits 0 when a worker (on this host, with
// --this-host) beat within the last --max-age seconds, 1 otherwise. A cheap health check for worker
// processes, which serve no HTTP (docs/deployment.md).
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { getPrisma } from '@/lib/db';
import { recentWorkers } from '@/lib/worker/heartbeat';

const { values } = parseArgs({ options: { 'max-age': { type: 'string', default: '180' }, 'this-host': { type: 'boolean', default: false } } });
const maxAge = Number(values['max-age']);
if (!Number.isFinite(maxAge) || maxAge <= 0) {
  console.error('--max-age must be a positive number of seconds');
  process.exit(2);
}
const prisma = getPrisma();
try {
  const workers = (await recentWorkers(prisma)).filter((w) => !values['this-host'] || w.host === hostname());
  const alive = workers.filter((w) => w.ageSeconds <= maxAge);
  for (const w of workers) console.log(`${w.ageSeconds <= maxAge ? 'ok   ' : 'stale'} ${w.workerId} last beat ${w.ageSeconds.toFixed(1)} s ago`);
  if (alive.length === 0) console.error(`no worker${values['this-host'] ? ' on this host' : ''} beat in the last ${maxAge} s`);
  process.exitCode = alive.length > 0 ? 0 : 1;
} catch (error) {
  console.error('database unreachable:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
