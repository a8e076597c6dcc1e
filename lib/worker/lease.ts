import 'server-only';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** This process's name on leases and heartbeats: host, pid and a random suffix (pids repeat across hosts). */
export const WORKER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Runs `work` only if the named lease is free (or lapsed), and frees it afterwards. Exclusive even
 * within one process: each taking is its own holder (`holder` plus a random suffix). For jobs longer than one transaction, where a transaction-scoped advisory
 * lock cannot span the work (session advisory locks do not survive a transaction pooler such as
 * PgBouncer). A holder that dies keeps the lease until `ttlMs` passes. Returns undefined when
 * another worker holds it.
 */
export async function withLease<T>(
  prisma: PrismaClient,
  name: string,
  ttlMs: number,
  work: () => Promise<T>,
  holderName: string = WORKER_ID,
): Promise<T | undefined> {
  const holder = `${holderName}/${randomUUID().slice(0, 8)}`;
  const taken = await prisma.$queryRaw<{ name: string }[]>`
    INSERT INTO worker_leases (name, holder, expires_at)
    VALUES (${name}, ${holder}, now() + make_interval(secs => ${ttlMs / 1000}))
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE worker_leases.expires_at < now()
    RETURNING name`;
  if (taken.length === 0) return undefined;
  try {
    return await work();
  } finally {
    await prisma.$executeRaw`DELETE FROM worker_leases WHERE name = ${name} AND holder = ${holder}`.catch(() => undefined);
  }
}
