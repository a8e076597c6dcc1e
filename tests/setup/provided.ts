// Values the integration global setup hands to test workers through Vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database; used to create per-file databases. */
    pgAdminUrl: string;
    /** Migrated database every test file's database is copied from. */
    pgTemplateDatabase: string;
  }
}

export const TEMPLATE_DATABASE = 'tc_template';

/** The owner (migrations) and app (DATABASE_URL) roles of the test server; test-only passwords. */
export const TEST_ROLES = {
  owner: { name: 'tc_owner', password: 'test-owner-password' },
  app: { name: 'tc_app', password: 'test-app-password' },
};
