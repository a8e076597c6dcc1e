import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // A regex, not '@': a bare '@' alias would also rewrite scoped packages like @prisma/client.
      { find: /^@\//, replacement: root },
      // `server-only` throws outside React Server Components; tests import server modules directly.
      { find: /^server-only$/, replacement: `${root}tests/setup/server-only-stub.ts` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Projects with different worker limits run as separate groups: unit first, then integration.
          sequence: { groupOrder: 0 },
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          // The app's required configuration, fixed for tests (real secrets are never needed here).
          env: {
            TC_SECRET_KEY: 'test-secret-key-for-keyed-hashes-0123456789',
            NEXTAUTH_SECRET: 'test-nextauth-secret-0123456789-abcdefghij',
            REPORTS_PER_MINUTE_PER_SOURCE: '10',
          },
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/per-file-database.ts'],
          // Each file gets its own database, so files may run in parallel; 2 cores on our machines.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
