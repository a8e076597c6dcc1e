import 'server-only';
import { hostname } from 'node:os';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { WORKER_ID } from './lease';

const startedAt = new Date();

/** Records that this worker's loop is alive (the worker calls it every few seconds). */
export async function beat(prisma: PrismaClient, workerId: string = WORKER_ID): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO worker_heartbeats (worker_id, host, pid, started_at, beat_at)
    VALUES (${workerId}, ${hostname()}, ${process.pid}, ${startedAt}, now())
    ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`;
  // Workers gone for a day are forgotten, so the table stays a list of recent workers.
  await prisma.$executeRaw`DELETE FROM worker_heartbeats WHERE beat_at < now() - interval '1 day'`;
}

export type WorkerBeat = { workerId: string; host: string; pid: number; startedAt: Date; beatAt: Date; ageSeconds: number };

/** Workers seen in the last day, the freshest first, with the age of their last beat. */
export async function recentWorkers(prisma: PrismaClient): Promise<WorkerBeat[]> {
  const rows = await prisma.$queryRaw<(Omit<WorkerBeat, 'ageSeconds'> & { ageSeconds: number })[]>`
    SELECT worker_id AS "workerId", host, pid, started_at AS "startedAt", beat_at AS "beatAt",
           extract(epoch FROM now() - beat_at)::float8 AS "ageSeconds"
    FROM worker_heartbeats ORDER BY beat_at DESC`;
  return rows;
}
