import type { StaffRole } from '@/lib/auth/roles';
import type { ReasonCodeAction } from '@/lib/cases/reason-codes';
import { allowedEvents, type CaseEvent } from '@/lib/cases/state-machine';
import type { CaseStatus } from '@/lib/cases/get-case-dto';

/** The actions the case page offers, the state-machine event each needs, and its shortcut. */
export type UiAction = 'respond' | 'suspend' | 'record_preservation' | 'request_preservation_hold' | 'dismiss' | 'escalate' | 'note' | 'release' | 'reinstate';

export type UiActionInfo = {
  event: CaseEvent;
  label: string;
  submitLabel: string;
  shortcut?: string;
  /** Reason-code list of lib/cases/reason-codes.ts, when the action takes one. */
  reasons?: ReasonCodeAction;
  /** Closes or hands off the case: "Submit and next" is offered. */
  handsOff: boolean;
  tone: 'danger' | 'neutral' | 'primary';
};

export const UI_ACTIONS: Record<UiAction, UiActionInfo> = {
  respond: {
    event: 'respond',
    label: 'Suspend, preserve and refer',
    submitLabel: 'Suspend, preserve and refer',
    shortcut: 'r',
    reasons: 'suspend',
    handsOff: true,
    tone: 'danger',
  },
  suspend: { event: 'suspend', label: 'Suspend', submitLabel: 'Suspend account', shortcut: 's', reasons: 'suspend', handsOff: true, tone: 'danger' },
  record_preservation: {
    event: 'record_preservation',
    label: 'Preserve data',
    submitLabel: 'Preserve the account’s data',
    handsOff: true,
    tone: 'neutral',
  },
  request_preservation_hold: {
    event: 'request_preservation_hold',
    label: 'Law-enforcement hold',
    submitLabel: 'Request hold',
    reasons: 'preservation_hold',
    handsOff: true,
    tone: 'neutral',
  },
  dismiss: { event: 'dismiss', label: 'Dismiss', submitLabel: 'Dismiss case', shortcut: 'd', reasons: 'dismiss', handsOff: true, tone: 'neutral' },
  escalate: { event: 'escalate', label: 'Escalate', submitLabel: 'Escalate to a supervisor', shortcut: 'e', reasons: 'escalate', handsOff: true, tone: 'neutral' },
  note: { event: 'note', label: 'Add note', submitLabel: 'Add note', shortcut: 'm', handsOff: false, tone: 'primary' },
  // No "and next" after a release: the released case is back on top and "next" would return it.
  release: { event: 'release', label: 'Release claim', submitLabel: 'Release to the queue', reasons: 'release', handsOff: false, tone: 'neutral' },
  reinstate: { event: 'reinstate', label: 'Reinstate account', submitLabel: 'Reinstate account', reasons: 'reinstate', handsOff: false, tone: 'danger' },
};

export const UI_ACTION_ORDER: UiAction[] = ['respond', 'suspend', 'record_preservation', 'dismiss', 'escalate', 'request_preservation_hold', 'note', 'release', 'reinstate'];

/** What the case page knows about the account and the case beyond its status. */
export type CaseFacts = {
  /** This case's suspension is in force (reinstatement is possible). */
  accountSuspendedByCase: boolean;
  /** A US-reportable category: "Suspend, preserve and refer" applies. */
  reportable: boolean;
  /** The account is suspended already (by any case): suspending again is pointless. */
  accountSuspended: boolean;
  /** A hold is in force on the account: preserving again is refused. */
  preserved: boolean;
};

/**
 * Which actions to offer: exactly the events the state machine's table allows this role and claim
 * (the same table the server enforces), narrowed by what makes sense for this account: reinstatement
 * only when this case's suspension is in force, the combined response only on a reportable case,
 * suspension and preservation only when not already in force on a responding case.
 */
export function offeredActions(status: CaseStatus, role: StaffRole, isHolder: boolean, facts: CaseFacts): UiAction[] {
  const events = new Set(allowedEvents(status, { role, isHolder }));
  const sensible: Record<UiAction, boolean> = {
    respond: facts.reportable && status !== 'responding',
    suspend: !(status === 'responding' && facts.accountSuspended),
    record_preservation: !facts.preserved,
    request_preservation_hold: true,
    dismiss: true,
    escalate: true,
    note: true,
    release: true,
    reinstate: facts.accountSuspendedByCase,
  };
  return UI_ACTION_ORDER.filter((a) => events.has(UI_ACTIONS[a].event) && sensible[a]);
}

export const CASE_SHORTCUTS = [
  { keys: ['n'], description: 'Claim and open the next case' },
  { keys: ['r'], description: 'Suspend, preserve and refer (reportable cases)' },
  { keys: ['s'], description: 'Suspend the account' },
  { keys: ['d'], description: 'Dismiss the case' },
  { keys: ['e'], description: 'Escalate to a supervisor' },
  { keys: ['m'], description: 'Add a note' },
  { keys: ['Ctrl+Enter', '⌘+Enter'], description: 'Submit the open form' },
  { keys: ['Esc'], description: 'Close this help' },
  { keys: ['?'], description: 'Show this help' },
];
