import { roleAtLeast, type StaffRole } from '@/lib/auth/roles';
import type { CaseStatus } from '@/lib/generated/prisma/enums';

/**
 * The case lifecycle as one table: which event may happen in which status, what status follows, who
 * may trigger it. Pure, no database. The server checks every change against it (lib/cases/*,
 * lib/response/*) and the console imports the same table to decide which buttons to show, so the
 * two cannot drift.
 *
 *                ┌──────────────release / lease expiry──────────────┐
 *                ▼                                                  │
 *   open ──claim──▶ in_review ──escalate──▶ escalated               │
 *    ▲  ▲              │  │                     │ (supervisors decide escalated cases the same way)
 *    │  │              │  └─dismiss (no danger now)─────────────────────────────────▶ closed
 *    │  │              │  └─dismiss, danger now: request_stand_down─▶ awaiting_approval
 *    │  │              │  └─request_preservation_hold (law enforcement)─▶ awaiting_approval
 *    │  └──reject──────┼──────────────────────────────────────────────────┘   │ approve_stand_down ─▶ closed
 *    │                 │                                                      │ approve_preservation_hold ─▶ responding*
 *    │                 └─suspend / record_preservation / respond / prepare_referral ─▶ responding*
 *    │  open / escalated ──the same measures, by a supervisor without claiming──▶ responding*
 *    │
 *    │  responding ──(any measure, waive_obligation, a referral acknowledged)──▶ responding*
 *    │  responding* = responding while an obligation is outstanding, else closed at once
 *    │  closed ──reinstate / note──▶ closed
 *
 * A response is a set of measures (enforcement, preservation, referrals) recorded in any order.
 * Recording one on a case in a reportable category opens its obligations (lib/response/obligation-
 * rules.ts): preservation, one referral per hotline the router requires, and for a danger-now case
 * without enforcement a supervisor's agreement to stand down. The case stays `responding`, out of
 * the claim queue and worked by anyone, until every obligation is met or waived; then it closes by
 * itself (`*`, settled by lib/response/settle-case.ts in the same transaction).
 *
 * Rules the table encodes beyond the status itself:
 * - `minRole`: the lowest role that may trigger the event ('system' for the lease-expiry job).
 * - `holder`: on a claimed case only the moderator holding it may act, or a supervisor and above.
 * - `claim` on in_review is only for a case whose lease has expired (checked by claimNextCase).
 * - Escalated cases wait for a supervisor: only supervisors decide them (or reassign them).
 * - A supervisor may record measures on an open case without claiming it (a network response acts
 *   on many unclaimed cases at once); a moderator claims first.
 * - A danger-now case is never dismissed by one person: `dismiss` is refused there, and
 *   `request_stand_down` asks a supervisor who is not the requester (lib/response/stand-down.ts).
 * - Notes are internal and allowed in every status, including closed.
 */

export const CASE_STATUSES = ['open', 'in_review', 'escalated', 'awaiting_approval', 'responding', 'closed'] as const satisfies readonly CaseStatus[];

export const CASE_EVENTS = [
  'claim',
  'release',
  'lease_expired',
  'suspend',
  'record_preservation',
  'respond',
  'prepare_referral',
  'request_preservation_hold',
  'approve_preservation_hold',
  'reject_preservation_hold',
  'dismiss',
  'request_stand_down',
  'approve_stand_down',
  'reject_stand_down',
  'waive_obligation',
  'escalate',
  'note',
  'reinstate',
  'reassign',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export type Transition = {
  to: CaseStatus;
  minRole: StaffRole | 'system';
  /** Only the holder of the claim, or a supervisor and above. */
  holder?: boolean;
};

/** The measures of a response: each leads to `responding`, which closes at once when nothing is outstanding. */
const measures = (minRole: StaffRole, holder: boolean) =>
  ({
    suspend: { to: 'responding', minRole, holder },
    record_preservation: { to: 'responding', minRole, holder },
    respond: { to: 'responding', minRole, holder },
    prepare_referral: { to: 'responding', minRole, holder },
  }) as const satisfies Partial<Record<CaseEvent, Transition>>;

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseEvent, Transition>>>> = {
  open: {
    claim: { to: 'in_review', minRole: 'moderator' },
    // A supervisor records measures on an unclaimed case without claiming it, as on an escalated
    // one: acting on several accounts of a network at once (lib/networks/respond-to-network.ts).
    ...measures('supervisor', false),
    reassign: { to: 'in_review', minRole: 'supervisor' },
    note: { to: 'open', minRole: 'moderator' },
  },
  in_review: {
    claim: { to: 'in_review', minRole: 'moderator' }, // only once the lease has expired
    release: { to: 'open', minRole: 'moderator', holder: true },
    lease_expired: { to: 'open', minRole: 'system' },
    ...measures('moderator', true),
    request_preservation_hold: { to: 'awaiting_approval', minRole: 'moderator', holder: true },
    dismiss: { to: 'closed', minRole: 'moderator', holder: true },
    request_stand_down: { to: 'awaiting_approval', minRole: 'moderator', holder: true },
    escalate: { to: 'escalated', minRole: 'moderator', holder: true },
    note: { to: 'in_review', minRole: 'moderator' },
    reassign: { to: 'in_review', minRole: 'supervisor' },
  },
  escalated: {
    ...measures('supervisor', false),
    request_preservation_hold: { to: 'awaiting_approval', minRole: 'supervisor' },
    dismiss: { to: 'closed', minRole: 'supervisor' },
    request_stand_down: { to: 'awaiting_approval', minRole: 'supervisor' },
    note: { to: 'escalated', minRole: 'moderator' },
    reassign: { to: 'in_review', minRole: 'supervisor' },
  },
  awaiting_approval: {
    approve_preservation_hold: { to: 'responding', minRole: 'supervisor' },
    reject_preservation_hold: { to: 'open', minRole: 'supervisor' },
    approve_stand_down: { to: 'closed', minRole: 'supervisor' },
    reject_stand_down: { to: 'open', minRole: 'supervisor' },
    note: { to: 'awaiting_approval', minRole: 'moderator' },
  },
  responding: {
    ...measures('moderator', false),
    request_preservation_hold: { to: 'responding', minRole: 'moderator' },
    approve_preservation_hold: { to: 'responding', minRole: 'supervisor' },
    reject_preservation_hold: { to: 'responding', minRole: 'supervisor' },
    request_stand_down: { to: 'responding', minRole: 'moderator' },
    approve_stand_down: { to: 'responding', minRole: 'supervisor' },
    reject_stand_down: { to: 'responding', minRole: 'supervisor' },
    waive_obligation: { to: 'responding', minRole: 'supervisor' },
    note: { to: 'responding', minRole: 'moderator' },
    reinstate: { to: 'responding', minRole: 'supervisor' },
  },
  closed: {
    note: { to: 'closed', minRole: 'moderator' },
    reinstate: { to: 'closed', minRole: 'supervisor' },
  },
};

const STATUS_LABEL: Record<CaseStatus, string> = {
  open: 'open',
  in_review: 'in review',
  escalated: 'escalated',
  awaiting_approval: 'awaiting approval',
  responding: 'responding (obligations outstanding)',
  closed: 'closed',
};

export type NextState = { ok: true; status: CaseStatus } | { ok: false; reason: string };

/** The status after `event`, or why the event is not allowed in `status`. Ignores who asks. */
export function nextState(status: CaseStatus, event: CaseEvent): NextState {
  const transition = CASE_TRANSITIONS[status]?.[event];
  if (!transition) return { ok: false, reason: `A case that is ${STATUS_LABEL[status]} cannot be changed by “${event.replaceAll('_', ' ')}”.` };
  return { ok: true, status: transition.to };
}

export type Actor = { role: StaffRole | 'system'; isHolder: boolean };

/** nextState plus the role and holder rules of the table. */
export function checkTransition(status: CaseStatus, event: CaseEvent, actor: Actor): NextState {
  const next = nextState(status, event);
  if (!next.ok) return next;
  const transition = CASE_TRANSITIONS[status][event]!;
  if (transition.minRole === 'system') {
    if (actor.role !== 'system') return { ok: false, reason: 'Only the system does this.' };
    return next;
  }
  if (actor.role === 'system' || !roleAtLeast(actor.role, transition.minRole)) {
    return { ok: false, reason: `This needs the ${transition.minRole} role.` };
  }
  if (transition.holder && !actor.isHolder && !roleAtLeast(actor.role, 'supervisor')) {
    return { ok: false, reason: 'Only the moderator who holds this case (or a supervisor) can do this.' };
  }
  return next;
}

/** The events `actor` may trigger on a case in `status`: what the console shows as buttons. */
export function allowedEvents(status: CaseStatus, actor: Actor): CaseEvent[] {
  return CASE_EVENTS.filter((event) => checkTransition(status, event, actor).ok);
}
