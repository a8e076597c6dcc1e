import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

export type { Prisma } from '@/lib/generated/prisma/client';

const globalForPrisma = globalThis as unknown as { tcPrisma?: PrismaClient };

/** A positive whole number of milliseconds from the environment (validated at start by lib/config/schema.ts). */
function millis(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Pool settings that turn an unreachable or frozen database into a quick error (a 503 at intake)
 * instead of a request that hangs. statement_timeout travels in the startup packet, not a session
 * SET. PgBouncer drops it (ignore_startup_parameters) and sets the server side's limit itself with
 * connect_query (docs/deployment.md); query_timeout is the client-side backstop for a
 * server that does not answer at all (stopped with SIGSTOP, a dead network path). The statement
 * limits default on in production processes only (npm start's web server; the worker sets its own
 * longer statement limit): CLI tools, benchmarks seeding a million rows and tests run without them
 * unless set.
 */
export function poolTimeouts(env: NodeJS.ProcessEnv = process.env) {
  const production = env.NODE_ENV === 'production';
  const connect = env.DATABASE_CONNECT_TIMEOUT_MS || production ? millis(env.DATABASE_CONNECT_TIMEOUT_MS, 3_000) : undefined;
  const statement = env.DATABASE_STATEMENT_TIMEOUT_MS || production ? millis(env.DATABASE_STATEMENT_TIMEOUT_MS, 5_000) : undefined;
  return {
    ...(connect === undefined ? {} : { connectionTimeoutMillis: connect }),
    ...(statement === undefined ? {} : { statement_timeout: statement, query_timeout: statement + 1_000 }),
  };
}

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    ...poolTimeouts(),
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
