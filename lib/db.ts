import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

export type { Prisma } from '@/lib/generated/prisma/client';

const globalForPrisma = globalThis as unknown as { tcPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  return new PrismaClient({ adapter });
}

/** The one Prisma client, created lazily (so tests can point DATABASE_URL first) and reused across hot reloads. */
export function getPrisma(): PrismaClient {
  globalForPrisma.tcPrisma ??= createClient();
  return globalForPrisma.tcPrisma;
}

/** A transaction client, as handed to `prisma.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
