import 'server-only';
import { Logger, run, type Runner } from 'graphile-worker';
import { z } from 'zod';
import { getPrisma } from '@/lib/db';
import { claimDueEvents } from './claim-due-events';
import { deliverOutboxEvent, type WebhookTarget } from './deliver-outbox-event';

const TASK = 'deliver_decision';
const ZJob = z.object({ id: z.string().regex(/^\d+$/), attempt: z.number().int().positive() });

/** Graphile's per-job info lines would drown the worker log; keep its warnings and errors. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error') console.error(`[graphile-worker] ${message}`);
  else if (level === 'warning') console.warn(`[graphile-worker] ${message}`);
});

export type DecisionDelivery = { dispatch: () => Promise<number>; stop: () => Promise<void> };

/**
 * Webhook delivery on graphile-worker (its schema installs or upgrades itself here). The outbox
 * row stays the record of delivery state (the admin page and the polling API read it); graphile
 * runs the HTTP attempts concurrently and picks each one up at once via LISTEN/NOTIFY.
 *
 * `dispatch` claims due events and adds one job per claim in the same transaction: a claim never
 * exists without its job. Jobs get max_attempts 1 because the claim's lease is the retry
 * mechanism; a job left locked by a crashed process is simply superseded by the next claim.
 */
export async function startDecisionDelivery(target: WebhookTarget, options: { concurrency?: number } = {}): Promise<DecisionDelivery> {
  // graphile-worker holds a LISTEN session: straight to PostgreSQL, never through a transaction pooler.
  const connectionString = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const concurrency = options.concurrency ?? 4;
  const prisma = getPrisma();
  const runner: Runner = await run({
    connectionString,
    concurrency,
    maxPoolSize: concurrency + 2,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: quietLogger,
    taskList: {
      [TASK]: async (payload) => {
        const job = ZJob.parse(payload);
        await deliverOutboxEvent({ id: BigInt(job.id), attempt: job.attempt }, target);
        // Refill at once (the case's next event may now be due) rather than at the next tick.
        await dispatch().catch((error: unknown) => console.error('[webhook] dispatch failed:', error instanceof Error ? error.message : error));
      },
    },
  });

  async function dispatch(): Promise<number> {
    return prisma.$transaction(async (tx) => {
      // Keep at most two jobs per slot outstanding: a claim queued behind a long backlog would
      // outlive its lease (renewed when the attempt starts) and be claimed twice.
      const [queued] = await tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM graphile_worker.jobs
          WHERE task_identifier = $1
            AND ((locked_at IS NULL AND attempts < max_attempts) OR locked_at > now() - interval '1 minute')`,
        TASK,
      );
      const room = 2 * concurrency - (queued?.n ?? 0);
      if (room <= 0) return 0;
      const claimed = await claimDueEvents(tx, room);
      if (claimed.length === 0) return 0;
      await tx.$executeRawUnsafe(
        `SELECT graphile_worker.add_job($1, json_build_object('id', t.id, 'attempt', t.attempt), max_attempts := 1)
           FROM unnest($2::text[], $3::int[]) AS t(id, attempt)`,
        TASK,
        claimed.map((c) => c.id.toString()),
        claimed.map((c) => c.attempt),
      );
      return claimed.length;
    });
  }

  return { dispatch, stop: () => runner.stop() };
}
