import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { staffAudit, withCaseChange } from './case-transaction';
import type { TNoteInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Adds an internal note (any staff member, any status, closed cases included). The body goes to
 * case_notes; the append-only case_actions row points at it. Notes never go to the platform. Like
 * every change it increments the version, so a colleague acting on a stale page sees it first.
 */
export async function addNote({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TNoteInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'note' }, async ({ tx, kase, to }) => {
    const note = await tx.caseNote.create({
      data: { caseId, authorId: actor.id, body: input.body },
      select: { id: true },
    });
    const action = await tx.caseAction.create({
      data: { caseId, actorId: actor.id, type: 'note', details: { noteId: note.id } },
      select: { id: true },
    });
    const updated = await tx.case.update({
      where: { id: caseId },
      data: { version: { increment: 1 } },
      select: { version: true },
    });
    await writeAudit(
      tx,
      {
        event: 'case.note_added',
        caseId,
        payload: { from: kase.status, to, version: updated.version, actionId: action.id, noteId: note.id },
      },
      staffAudit(actor, caseId),
    );
    return { caseId, status: to, version: updated.version, actionId: action.id };
  });
}
