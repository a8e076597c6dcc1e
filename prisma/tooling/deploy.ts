// `npm run db:migrate`: applies pending migrations (= `prisma migrate deploy`) as the owner role,
// DATABASE_OWNER_URL (else DATABASE_URL), then grants the app role in DATABASE_URL what it needs.
import { appRoleOf, grantAppRole } from './app-role-grants';
import { fail, loadDotEnv } from './env';
import { applyMigrations } from './migrations';

loadDotEnv();
const databaseUrl = process.env.DATABASE_URL;
const ownerUrl = process.env.DATABASE_OWNER_URL || undefined;
if (!databaseUrl && !ownerUrl) fail('DATABASE_OWNER_URL (or DATABASE_URL) is not set (environment or .env).');

try {
  const applied = await applyMigrations((ownerUrl ?? databaseUrl)!);
  if (applied.length === 0) console.log('No pending migrations.');
  for (const name of applied) console.log(`Applied ${name}`);
  if (ownerUrl && databaseUrl) {
    await grantAppRole(ownerUrl, appRoleOf(databaseUrl));
    console.log(`Granted the app role ${appRoleOf(databaseUrl)} its privileges.`);
  }
} catch (error) {
  fail(error);
}
