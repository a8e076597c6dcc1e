import 'server-only';
import type pg from 'pg';
import { writeAuditWith, type AuditContext } from '@/lib/audit/write-audit';
import type { TAuditEvent } from '@/lib/audit/events';
import type { Statement } from '@/lib/db-statement';
import { AppError } from '@/lib/errors';
import { withPgConnection } from './pg-connection';

export type ListLockRow = { id: string; name: string; status: 'active' | 'retired'; generation: number; entryCount: number; source: string; category: string; pdqMaxDistance: number };

/**
 * Runs a hash-list change in one transaction on its own `pg` connection (COPY needs one), with the
 * audit entry written through the same connection, so the change and its audit commit together.
 * A large sort for de-duplication gets more memory than the server default, for this transaction only.
 */
export async function inListTransaction<T>(run: (client: pg.Client, audit: (event: TAuditEvent, context: AuditContext) => Promise<bigint>) => Promise<T>): Promise<T> {
  return withPgConnection(async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL work_mem = '256MB'`);
      const audit = (event: TAuditEvent, context: AuditContext) => writeAuditWith((s: Statement) => client.query(s.text, s.values), event, context);
      const result = await run(client, audit);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // pg's own error (not Prisma's): SQLSTATE 23505, the list name taken by a concurrent create.
      if ((error as { code?: string } | null)?.code === '23505') throw new AppError('conflict', 'A list with this name was created at the same moment; nothing was imported. Reload and try again.');
      throw error;
    }
  });
}

/** Locks a list by name for the rest of the transaction, or explains why it cannot be changed. */
export async function lockActiveList(client: pg.Client, name: string): Promise<ListLockRow> {
  const { rows } = await client.query<ListLockRow>(
    `SELECT id::text AS id, name, status::text AS status, generation, entry_count AS "entryCount", source, category::text AS category,
            pdq_max_distance AS "pdqMaxDistance"
       FROM hash_lists WHERE name = $1 FOR UPDATE`,
    [name],
  );
  const list = rows[0];
  if (!list) throw new AppError('not_found', `There is no hash list named "${name}".`);
  if (list.status === 'retired') throw new AppError('conflict', `The hash list "${name}" is retired; import under a new name.`);
  return list;
}
