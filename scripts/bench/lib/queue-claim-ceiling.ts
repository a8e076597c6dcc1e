// The database's own ceiling for a claim: the one statement claimNextCase (lib/queue/claim-next-case.ts)
// runs — SELECT … FROM tc_claim_next_case(…) — through bare `pg`, with no Prisma, no zod, no Next.js.
// Comparing it with the in-process figure shows how much of a claim is the database (locks, index,
// fsync) and how much the application path. Keep the call in step with claim-next-case.ts.
import pg from 'pg';
import { summarise } from './percentiles';

const LEASE_MS = 15 * 60_000;

async function claimOnce(client: pg.PoolClient, actorId: string): Promise<string | null> {
  const now = new Date();
  const lease = new Date(now.getTime() + LEASE_MS);
  const result = await client.query('SELECT claimed_id::text AS id FROM tc_claim_next_case($1::uuid, $2::timestamptz, $3::timestamptz, $4::text)', [
    actorId,
    now,
    lease,
    lease.toISOString(),
  ]);
  return (result.rows[0]?.id as string | undefined) ?? null;
}

/** `concurrency` moderators claim `perModerator` cases each; each claimed case is closed (untimed). */
export async function measureClaimCeiling(
  databaseUrl: string,
  actorIds: string[],
  options: { perModerator: number; concurrency: number },
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.concurrency });
  const latencies: number[] = [];
  try {
    const run = async (actorId: string, rounds: number, record: boolean) => {
      const client = await pool.connect();
      try {
        for (let i = 0; i < rounds; i++) {
          const t0 = performance.now();
          const id = await claimOnce(client, actorId);
          if (record) latencies.push(performance.now() - t0);
          if (!id) return;
          await client.query(
            `UPDATE cases SET status = 'closed', resolution = 'dismissed', closed_at = now(), assignee_id = NULL,
                    lease_expires_at = NULL, version = version + 1 WHERE id = $1::uuid`,
            [id],
          );
        }
      } finally {
        client.release();
      }
    };
    const actors = actorIds.slice(0, options.concurrency);
    await Promise.all(actors.map((a) => run(a, 5, false)));
    const started = performance.now();
    await Promise.all(actors.map((a) => run(a, options.perModerator, true)));
    return { ...summarise(latencies), seconds: (performance.now() - started) / 1000, emptyQueue: 0 };
  } finally {
    await pool.end();
  }
}
