// Background work that must not sit on a request's path: sealing the audit chain moments after
// commit, and refreshing time-dependent priority scores. Started by `npm start` beside the server.
import { sealAuditLog } from '@/lib/audit/seal';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { rescoreDueCases } from '@/lib/queue/rescore-due-cases';

getConfig(); // refuse to run on an invalid configuration
const prisma = getPrisma();

type Task = { name: string; everyMs: number; run: () => Promise<unknown>; nextAt: number };
let fullScanDue = 0;
const tasks: Task[] = [
  {
    name: 'seal audit log',
    everyMs: 1_000,
    nextAt: 0,
    run: async () => {
      const fullScan = Date.now() >= fullScanDue;
      if (fullScan) fullScanDue = Date.now() + 5 * 60_000;
      return sealAuditLog(prisma, { fullScan });
    },
  },
  {
    name: 'rescore due cases',
    everyMs: 1_000,
    nextAt: 0,
    run: async () => {
      while ((await rescoreDueCases(prisma)) > 0) {
        /* keep going until no case is due */
      }
    },
  },
];

let stopping = false;
async function loop() {
  while (!stopping) {
    const now = Date.now();
    for (const task of tasks) {
      if (stopping || now < task.nextAt) continue;
      task.nextAt = now + task.everyMs;
      try {
        await task.run();
      } catch (error) {
        console.error(`[worker] ${task.name} failed:`, error instanceof Error ? error.message : error);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function shutdown() {
  stopping = true;
  await prisma.$disconnect().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
void loop();
