import 'server-only';
import pg from 'pg';

/**
 * A dedicated `pg` connection for the two bulk paths Prisma cannot do: COPY FROM STDIN (importing a
 * list) and COPY TO STDOUT (streaming PDQ entries into the worker's index). It connects to the same
 * DATABASE_URL as lib/db.ts, as the app role, without the web server's statement limit: a
 * ten-million-hash import is one long statement by design. DATABASE_DIRECT_URL when set: behind
 * PgBouncer the pooler would apply the web's statement limit and hold a server connection for minutes.
 */
export async function withPgConnection<T>(
  run: (client: pg.Client) => Promise<T>,
  connectionString = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL,
): Promise<T> {
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
