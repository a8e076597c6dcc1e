// The database's own ceiling for a claim: the statements claimNextCase (lib/queue/claim-next-case.ts)
// runs, in the same order and transaction, through bare `pg` — no Prisma, no zod, no Next.js.
// Comparing it with the in-process figure shows how much of a claim is the database (locks, index,
// fsync) and how much the application path. Keep the statements in step with claim-next-case.ts.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { summarise } from './percentiles';

const LEASE_MS = 15 * 60_000;

async function claimOnce(client: pg.PoolClient, actorId: string): Promise<string | null> {
  const now = new Date();
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`claim:${actorId}`]);
    const held = await client.query(
      `SELECT id::text FROM cases
       WHERE assignee_id = $1::uuid AND status = 'in_review' AND closed_at IS NULL AND lease_expires_at > $2
       ORDER BY lease_expires_at DESC LIMIT 1`,
      [actorId, now],
    );
    if (held.rows[0]) {
      await client.query('COMMIT');
      return held.rows[0].id as string;
    }
    const next = await client.query(
      `SELECT id::text, case_number, version, assignee_id::text FROM cases
       WHERE closed_at IS NULL AND (status = 'open' OR (status = 'in_review' AND lease_expires_at <= $1))
       ORDER BY priority_score DESC, sla_due_at ASC, id LIMIT 1
       FOR UPDATE SKIP LOCKED`,
      [now],
    );
    const row = next.rows[0] as { id: string; assignee_id: string | null } | undefined;
    if (!row) {
      await client.query('COMMIT');
      return null;
    }
    const lease = new Date(now.getTime() + LEASE_MS);
    const updated = await client.query(
      `UPDATE cases SET assignee_id = $2::uuid, lease_expires_at = $3, status = 'in_review', version = version + 1, updated_at = now()
       WHERE id = $1::uuid RETURNING version`,
      [row.id, actorId, lease],
    );
    const actionId = randomUUID();
    await client.query(
      `INSERT INTO case_actions (id, case_id, actor_id, type, details) VALUES ($1::uuid, $2::uuid, $3::uuid, 'claim', $4::jsonb)`,
      [actionId, row.id, actorId, JSON.stringify({ leaseExpiresAt: lease.toISOString(), previousAssigneeId: row.assignee_id })],
    );
    await client.query(`SELECT tc_write_audit('staff'::"ActorType", $1::text, 'case.claimed', $2::uuid, 'case', $3::text, $4::jsonb, NULL::text)`, [
      actorId,
      row.id,
      row.id,
      JSON.stringify({ from: 'open', to: 'in_review', version: updated.rows[0].version, actionId, leaseExpiresAt: lease.toISOString() }),
    ]);
    await client.query('COMMIT');
    return row.id;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
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
