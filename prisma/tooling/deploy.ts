// `npm run db:migrate`: applies pending migrations to DATABASE_URL (= `prisma migrate deploy`).
import { fail, loadDotEnv } from './env';
import { applyMigrations } from './migrations';

loadDotEnv();
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) fail('DATABASE_URL is not set (environment or .env).');

try {
  const applied = await applyMigrations(databaseUrl);
  if (applied.length === 0) console.log('No pending migrations.');
  for (const name of applied) console.log(`Applied ${name}`);
} catch (error) {
  fail(error);
}
