import 'server-only';
import { AppError } from '@/lib/errors';
import type { ImportContext } from './import-hash-list';
import { inListTransaction, lockActiveList } from './list-transaction';

export type RetireResult = { listId: string; entriesRemoved: number; generation: number };

/**
 * Retires a list: its status becomes retired and its entries are deleted in the same transaction
 * (a list nobody vouches for any more should not sit in the database waiting for a query that
 * forgets the status). The list row, its import history and any matches already recorded on cases
 * stay. The generation is bumped so workers drop its PDQ entries from memory on their next refresh;
 * matching also checks the status, so nothing matches a retired list even before that.
 */
export async function retireHashList(
  name: string,
  context: Omit<ImportContext, 'importedById'>,
  { expectedGeneration }: { expectedGeneration?: number } = {},
): Promise<RetireResult> {
  return inListTransaction(async (client, audit) => {
    const list = await lockActiveList(client, name);
    // A page that showed an older generation (the list was replaced since) must not retire the new entries unseen.
    if (expectedGeneration !== undefined && list.generation !== expectedGeneration) {
      throw new AppError('conflict', `The hash list "${name}" was replaced since this page was loaded; nothing was retired. Reload and check it first.`);
    }
    const deleted = await client.query('DELETE FROM hash_list_entries WHERE list_id = $1::uuid', [list.id]);
    const { rows } = await client.query<{ generation: number }>(
      `UPDATE hash_lists SET status = 'retired', retired_at = now(), updated_at = now(), entry_count = 0, algorithm_counts = '{}',
              generation = generation + 1
        WHERE id = $1::uuid RETURNING generation`,
      [list.id],
    );
    const result = { listId: list.id, entriesRemoved: deleted.rowCount ?? 0, generation: rows[0]!.generation };
    await audit(
      { event: 'hashlist.retired', payload: { ...result, name: list.name, via: context.via } },
      { actor: context.actor, requestId: context.requestId, entity: { type: 'hash_list', id: list.id } },
    );
    return result;
  });
}
