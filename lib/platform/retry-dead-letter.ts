import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * Puts a dead-lettered outbox event back in the delivery queue with a fresh attempt budget, and
 * audits who did it in the same transaction. Events of the same case that waited behind it follow
 * it in order once it is delivered.
 */
export async function retryDeadLetter(input: { outboxId: bigint; actor: StaffPrincipal }): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ case_id: string; type: string; attempts: number; last_error: string | null }[]>(
      `SELECT case_id::text, type, attempts, last_error FROM outbox_events WHERE id = $1 FOR UPDATE`,
      input.outboxId,
    );
    if (!row) throw new AppError('not_found', 'No such outbox event');
    const { count } = await tx.outboxEvent.updateMany({
      where: { id: input.outboxId, status: 'dead' },
      data: { status: 'pending', attempts: 0, nextAttemptAt: new Date() },
    });
    if (count === 0) throw new AppError('conflict', 'This event is not dead-lettered (it may have been retried already)');
    await writeAudit(
      tx,
      {
        event: 'outbox.retried',
        caseId: row.case_id,
        payload: { outboxId: input.outboxId.toString(), type: row.type, attempts: row.attempts, lastError: row.last_error },
      },
      { actor: { type: 'staff', id: input.actor.id }, entity: { type: 'outbox_event', id: input.outboxId.toString() } },
    );
  });
}
