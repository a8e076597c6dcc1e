// The CLIs run under plain tsx, which (unlike Next.js) does not read .env; do the same here so
// `npm run db:migrate` sees the DATABASE_URL the app uses. Variables already set win.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './migrations';

export function loadDotEnv(): void {
  const file = path.join(repoRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Prints the message (not a stack) and exits non-zero; for errors the user can act on. */
export function fail(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
