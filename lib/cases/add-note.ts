import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
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
  return withCaseChange({ caseId, actor, expectedVersion, event: 'note' }, async ({ tx, kase, to, now }) => {
    const note = await tx.caseNote.create({
      data: { caseId, authorId: actor.id, body: input.body },
      select: { id: true },
    });
    return recordCaseAction(
      { tx, kase, to, now, actor },
      { action: { type: 'note', details: { noteId: note.id } }, audit: { event: 'case.note_added', payload: { noteId: note.id } } },
    );
  });
}
