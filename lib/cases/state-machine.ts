import { roleAtLeast, type StaffRole } from '@/lib/auth/roles';
import type { CaseStatus } from '@/lib/generated/prisma/enums';

/**
 * The case lifecycle as one table: which event may happen in which status, what status follows, who
 * may trigger it. Pure, no database. The server checks every change against it (lib/cases/*) and
 * the console imports the same table to decide which buttons to show, so the two cannot drift.
 *
 *   open ──claim──▶ in_review ──suspend / dismiss──▶ closed ──reinstate──▶ closed
 *     ▲                │ │  └──escalate──▶ escalated ──suspend / dismiss──▶ closed
 *     └─release/expiry─┘ └─request_preservation_hold──▶ awaiting_approval ──approve──▶ closed
 *     ▲                                                        │
 *     └────────────────────────reject──────────────────────────┘
 *
 * Rules the table encodes beyond the status itself:
 * - `minRole`: the lowest role that may trigger the event ('system' for the lease-expiry job).
 * - `holder`: on a claimed case only the moderator holding it may act, or a supervisor and above.
 * - `claim` on in_review is only for a case whose lease has expired (checked by claimNextCase).
 * - Escalated cases wait for a supervisor: only supervisors decide them (or reassign them).
 * - Notes are internal and allowed in every status, including closed.
 */

export const CASE_STATUSES = ['open', 'in_review', 'escalated', 'awaiting_approval', 'closed'] as const satisfies readonly CaseStatus[];

export const CASE_EVENTS = [
  'claim',
  'release',
  'lease_expired',
  'suspend',
  'request_preservation_hold',
  'approve_preservation_hold',
  'reject_preservation_hold',
  'dismiss',
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

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseEvent, Transition>>>> = {
  open: {
    claim: { to: 'in_review', minRole: 'moderator' },
    reassign: { to: 'in_review', minRole: 'supervisor' },
    note: { to: 'open', minRole: 'moderator' },
  },
  in_review: {
    claim: { to: 'in_review', minRole: 'moderator' }, // only once the lease has expired
    release: { to: 'open', minRole: 'moderator', holder: true },
    lease_expired: { to: 'open', minRole: 'system' },
    suspend: { to: 'closed', minRole: 'moderator', holder: true },
    request_preservation_hold: { to: 'awaiting_approval', minRole: 'moderator', holder: true },
    dismiss: { to: 'closed', minRole: 'moderator', holder: true },
    escalate: { to: 'escalated', minRole: 'moderator', holder: true },
    note: { to: 'in_review', minRole: 'moderator' },
    reassign: { to: 'in_review', minRole: 'supervisor' },
  },
  escalated: {
    suspend: { to: 'closed', minRole: 'supervisor' },
    request_preservation_hold: { to: 'awaiting_approval', minRole: 'supervisor' },
    dismiss: { to: 'closed', minRole: 'supervisor' },
    note: { to: 'escalated', minRole: 'moderator' },
    reassign: { to: 'in_review', minRole: 'supervisor' },
  },
  awaiting_approval: {
    approve_preservation_hold: { to: 'closed', minRole: 'supervisor' },
    reject_preservation_hold: { to: 'open', minRole: 'supervisor' },
    note: { to: 'awaiting_approval', minRole: 'moderator' },
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
