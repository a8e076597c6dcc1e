import 'server-only';
import type { Tx } from '@/lib/db';
import type { ActionType } from '@/lib/generated/prisma/enums';
import type { CaseSummaryDTO, TimelineEntryDTO } from './get-case-dto';
import { reasonLabel, REASON_CODE_ACTIONS, type ReasonCodeAction } from './reason-codes';

const TIMELINE_MAX = 500;
const EARLIER_MAX = 50;
const CHAIN_MAX = 50;

/** Action types whose reason code comes from a list of their own in lib/cases/reason-codes.ts. */
function reasonList(type: ActionType): ReasonCodeAction | null {
  if (type === 'assign') return 'reassign';
  return (REASON_CODE_ACTIONS as string[]).includes(type) ? (type as ReasonCodeAction) : null;
}

/** Details a moderator can read at a glance; ids and internal fields stay out. */
function readableDetails(details: unknown): { label: string; value: string }[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  const d = details as Record<string, unknown>;
  const out: { label: string; value: string }[] = [];
  if ('until' in d) out.push({ label: 'Until', value: typeof d.until === 'string' ? d.until : 'permanent' });
  if (typeof d.durationDays === 'number') out.push({ label: 'Duration', value: `${d.durationDays} days` });
  if (typeof d.expiresAt === 'string') out.push({ label: 'Expires', value: d.expiresAt });
  if (typeof d.leaseExpiresAt === 'string') out.push({ label: 'Lease until', value: d.leaseExpiresAt });
  return out;
}

/**
 * The case's actions and notes, oldest first. A note is recorded both as a `note` action and as a
 * case_notes row with its body; the two are shown as one entry (the note, with its author).
 */
export async function loadTimeline(tx: Tx, caseId: string): Promise<TimelineEntryDTO[]> {
  const actions = await tx.caseAction.findMany({
    where: { caseId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: TIMELINE_MAX,
    select: {
      id: true,
      createdAt: true,
      type: true,
      reasonCode: true,
      note: true,
      details: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const notes = await tx.caseNote.findMany({
    where: { caseId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: TIMELINE_MAX,
    select: { id: true, createdAt: true, body: true, author: { select: { id: true, name: true } } },
  });

  const noteIds = new Set(notes.map((n) => n.id));
  const entries: TimelineEntryDTO[] = [];
  for (const action of actions) {
    const details = action.details as Record<string, unknown> | null;
    if (action.type === 'note' && typeof details?.noteId === 'string' && noteIds.has(details.noteId)) continue;
    const list = reasonList(action.type);
    entries.push({
      kind: 'action',
      id: action.id,
      at: action.createdAt,
      actor: action.actor,
      type: action.type,
      reasonCode: action.reasonCode,
      reasonLabel: action.reasonCode && list ? reasonLabel(list, action.reasonCode) : action.reasonCode,
      note: action.note,
      details: readableDetails(action.details),
    });
  }
  for (const note of notes) entries.push({ kind: 'note', id: note.id, at: note.createdAt, actor: note.author, body: note.body });
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'action' ? -1 : 1));
}

/**
 * The account's other cases, newest first: the previous_case_id chain back from this case (each
 * closed case links to the one before it) and any other case of the same account, marked so the
 * page can show which are on the chain.
 */
export async function loadEarlierCases(
  tx: Tx,
  kase: { id: string; accountId: string; previousCaseId: string | null },
): Promise<CaseSummaryDTO[]> {
  const chain = kase.previousCaseId
    ? await tx.$queryRaw<{ id: string }[]>`
        WITH RECURSIVE chain(id, previous_case_id, depth) AS (
          SELECT id, previous_case_id, 1 FROM cases WHERE id = ${kase.previousCaseId}::uuid
          UNION ALL
          SELECT c.id, c.previous_case_id, chain.depth + 1 FROM cases c JOIN chain ON c.id = chain.previous_case_id
          WHERE chain.depth < ${CHAIN_MAX}
        )
        SELECT id::text FROM chain`
    : [];
  const chainIds = new Set(chain.map((r) => r.id));
  const rows = await tx.case.findMany({
    where: { OR: [{ accountId: kase.accountId }, { id: { in: [...chainIds] } }], NOT: { id: kase.id } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: EARLIER_MAX,
    select: {
      id: true,
      caseNumber: true,
      status: true,
      resolution: true,
      primaryCategory: true,
      reportCount: true,
      createdAt: true,
      closedAt: true,
    },
  });
  return rows.map((row) => ({ ...row, caseNumber: row.caseNumber.toString(), onChain: chainIds.has(row.id) }));
}
