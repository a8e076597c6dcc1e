import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { AppConfig } from './schema';
import { configSnapshot, diffSnapshots, type ConfigSnapshot } from './snapshot';

/**
 * Configuration lives in the environment, so it changes when the app restarts with other values.
 * The worker calls this at start: when the configuration differs from the last one recorded, one
 * `config.changed` entry names each changed key (secrets as fingerprints). Returns the changes.
 */
export async function recordConfigurationChange(prisma: PrismaClient, config: AppConfig): Promise<number> {
  return prisma.$transaction(async (tx) => {
    // One recorder at a time, so two processes starting together do not both write the change.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7356002)`;
    const last = await tx.auditEntry.findFirst({
      where: { event: 'config.changed' },
      orderBy: { id: 'desc' },
      select: { payload: true },
    });
    const previous = (last?.payload as { snapshot?: ConfigSnapshot } | undefined)?.snapshot ?? null;
    const snapshot = configSnapshot(config);
    const changes = diffSnapshots(previous, snapshot);
    if (changes.length === 0) return 0;
    await writeAudit(tx, { event: 'config.changed', payload: { snapshot, changes } }, { actor: { type: 'system', id: 'startup' } });
    return changes.length;
  });
}
