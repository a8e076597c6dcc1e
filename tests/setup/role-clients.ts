// Connections to this test file's database as roles other than the app's: the owner (migrations,
// maintenance such as ANALYZE) and the superuser (an attacker with full database access).
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll } from 'vitest';
import { PrismaClient } from '@/lib/generated/prisma/client';

const clients: PrismaClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
});

function clientFor(variable: 'TEST_OWNER_DATABASE_URL' | 'TEST_SUPERUSER_DATABASE_URL'): PrismaClient {
  const connectionString = process.env[variable];
  if (!connectionString) throw new Error(`${variable} is set by tests/setup/per-file-database.ts`);
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 2 }) });
  clients.push(client);
  return client;
}

export const ownerPrisma = () => clientFor('TEST_OWNER_DATABASE_URL');
export const superuserPrisma = () => clientFor('TEST_SUPERUSER_DATABASE_URL');
