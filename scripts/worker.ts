// Background work that must not sit on a request's path: sealing the audit chain moments after
// commit, scoring cases reports just joined (and refreshing time-dependent scores), linking accounts
// that share evidence into networks, returning
// cases whose claim lapsed to the queue, ending expired suspensions and preservation holds, rolling up hourly metrics, matching
// reports against known-content hash lists, and telling the platform about
// decisions (webhook delivery on graphile-worker). Started by `npm start` beside the server.
import path from 'node:path';
import { writeCheckpoint } from '@/lib/audit/checkpoints';
import { refuseGuardBypassingRole } from '@/lib/audit/check-role-at-startup';
import { sealAuditLog } from '@/lib/audit/seal';
import { getConfig } from '@/lib/config';
import { recordConfigurationChange } from '@/lib/config/record-config-change';
import { getPrisma } from '@/lib/db';
import { linkQueuedReports } from '@/lib/networks/compute-account-links';
import { startDecisionDelivery, type DecisionDelivery } from '@/lib/platform/delivery-runner';
import { endExpiredSuspensions } from '@/lib/cases/end-expired-suspensions';
import { endExpiredHolds } from '@/lib/preservation/end-expired-holds';
import { rollUpMetricHours } from '@/lib/metrics/rollup-hours';
import { KnownContentIndex } from '@/lib/hashes/known-content-index';
import { matchQueuedReports } from '@/lib/known-content/match-queued-reports';
import { rematchChangedLists } from '@/lib/known-content/rematch-changed-lists';
import { expireLeases } from '@/lib/queue/expire-leases';
import { rescoreDueCases } from '@/lib/queue/rescore-due-cases';
import { getSigningKey, resolveKeyPath } from '@/lib/referrals/signing-key';
import { purgeExpiredContacts } from '@/lib/retention/purge-contacts';
import { beat } from '@/lib/worker/heartbeat';
import { withLease } from '@/lib/worker/lease';
import { purgeEndedLimitWindows } from '@/lib/reports/shared-limits';

// Rollups and purges may legitimately run longer than a request's statement limit.
process.env.DATABASE_STATEMENT_TIMEOUT_MS = process.env.WORKER_STATEMENT_TIMEOUT_MS || '120000';
const config = getConfig(); // refuse to run on an invalid configuration
const prisma = getPrisma();
await refuseGuardBypassingRole(prisma, config); // outside demo mode, a role that can get around the audit guards stops here
// Configuration changes are audited: the environment at this start against the last one recorded.
await recordConfigurationChange(prisma, config).catch((error: unknown) => {
  console.error('[worker] could not record the configuration:', error instanceof Error ? error.message : error);
});

// Without a webhook URL nothing is attempted: decisions stay pending for GET /api/v1/decisions.
let delivery: DecisionDelivery | undefined;
if (config.PLATFORM_WEBHOOK_URL && config.PLATFORM_WEBHOOK_SECRET) {
  delivery = await startDecisionDelivery({
    url: config.PLATFORM_WEBHOOK_URL,
    secret: config.PLATFORM_WEBHOOK_SECRET,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
  });
  console.log('[worker] delivering decisions to the configured webhook');
} else {
  console.log('[worker] no PLATFORM_WEBHOOK_URL: decisions wait for platforms to poll');
}

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
    // A signed checkpoint of the chain's head outside the database (docs/decisions/0014).
    name: 'write audit checkpoint',
    everyMs: config.AUDIT_CHECKPOINT_SECONDS * 1_000,
    nextAt: Date.now() + 5_000, // after the first seal
    // A lease, so two workers never write the same head at once; writeCheckpoint skips a head already in the file.
    run: async () =>
      withLease(prisma, 'audit-checkpoint', 60_000, async () =>
        writeCheckpoint({
          prisma,
          dir: path.resolve(config.AUDIT_CHECKPOINT_DIR),
          privateKey: (await getSigningKey(resolveKeyPath(config.REFERRAL_SIGNING_KEY_PATH))).privateKey,
          webhookUrl: config.AUDIT_CHECKPOINT_WEBHOOK_URL,
        }),
      ),
  },
  {
    // `npm run worker:health` reads these beats (docs/deployment.md).
    name: 'heartbeat',
    everyMs: 5_000,
    nextAt: 0,
    run: () => beat(prisma),
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
  {
    // Account networks: the evidence new reports carry, the links it makes, network sizes (lib/networks/).
    name: 'link accounts',
    everyMs: 1_000,
    nextAt: 0,
    // A pass stops after about 2 s so a backlog (a migration's, a restart's) never holds up sealing or delivery.
    run: () => linkQueuedReports(prisma, { budgetMs: 2_000 }),
  },
  {
    name: 'expire case leases',
    everyMs: 5_000,
    nextAt: 0,
    run: () => expireLeases(prisma),
  },
  {
    name: 'end expired suspensions',
    everyMs: 60_000,
    nextAt: 0,
    run: () => endExpiredSuspensions(prisma),
  },
  {
    // Preservation holds past their expiry end, and the platform is told (lib/preservation/).
    name: 'end expired preservation holds',
    everyMs: 60_000,
    nextAt: 0,
    run: async () => {
      while ((await endExpiredHolds(prisma)) > 0) {
        /* catch up in batches after downtime */
      }
    },
  },
  {
    // Hourly counts for the metrics page, each hour a few minutes after it ends; the page counts the
    // hours not rolled up yet itself, so a late or stopped worker costs speed, never accuracy.
    name: 'roll up metrics hours',
    everyMs: 60_000,
    nextAt: 0,
    run: async () => {
      while ((await rollUpMetricHours(prisma)) > 0) {
        /* catch up in batches after downtime */
      }
    },
  },
  {
    // Shared rate-limit windows that have ended (lib/reports/shared-limits.ts); idempotent, any worker.
    name: 'delete ended rate-limit windows',
    everyMs: 60_000,
    nextAt: 0,
    run: () => purgeEndedLimitWindows(prisma),
  },
  {
    name: 'purge reporter contacts past retention',
    everyMs: 10 * 60_000,
    nextAt: 0,
    run: () => purgeExpiredContacts(prisma, { retentionDays: config.RETENTION_CONTACT_DAYS }),
  },
  {
    name: 'dispatch decisions to the webhook',
    everyMs: 1_000,
    nextAt: 0,
    run: async () => {
      if (!delivery) return;
      while ((await delivery.dispatch()) > 0) {
        /* claim until nothing is due; graphile runs the deliveries meanwhile */
      }
    },
  },
];

// Known-content matching has a loop of its own: loading a large PDQ list into the index takes a
// while, and sealing, rescoring and delivery must not wait for it (docs/decisions/0016).
const knownContentIndex = new KnownContentIndex();
async function knownContentLoop() {
  while (!stopping) {
    try {
      while (!stopping && (await matchQueuedReports(prisma, knownContentIndex)) > 0) {
        /* drain the queue of reports that arrived with hashes */
      }
      if (!stopping) await rematchChangedLists(prisma, knownContentIndex);
    } catch (error) {
      console.error('[worker] known-content matching failed:', error instanceof Error ? error.message : error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

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
  await delivery?.stop().catch(() => undefined);
  await prisma.$disconnect().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// The supervisor (scripts/start.ts) died without stopping us (kill -9): stop too, nothing to report to.
process.on('disconnect', () => void shutdown());
void loop();
void knownContentLoop();
