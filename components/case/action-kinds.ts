import type { StaffRole } from '@/lib/auth/roles';
import type { ReasonCodeAction } from '@/lib/cases/reason-codes';
import { allowedEvents, type CaseEvent } from '@/lib/cases/state-machine';
import type { CaseStatus } from '@/lib/cases/get-case-dto';

/** The actions the case page offers, the state-machine event each needs, and its shortcut. */
export type UiAction = 'suspend' | 'request_preservation_hold' | 'dismiss' | 'escalate' | 'note' | 'release' | 'reinstate';

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
  suspend: { event: 'suspend', label: 'Suspend', submitLabel: 'Suspend account', shortcut: 's', reasons: 'suspend', handsOff: true, tone: 'danger' },
  request_preservation_hold: {
    event: 'request_preservation_hold',
    label: 'Request preservation hold',
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

export const UI_ACTION_ORDER: UiAction[] = ['suspend', 'dismiss', 'escalate', 'request_preservation_hold', 'note', 'release', 'reinstate'];

/**
 * Which actions to offer: exactly the events the state machine's table allows this role and claim
 * (the same table the server enforces), and reinstatement only when this case's suspension is in force.
 */
export function offeredActions(status: CaseStatus, role: StaffRole, isHolder: boolean, accountSuspendedByCase: boolean): UiAction[] {
  const events = new Set(allowedEvents(status, { role, isHolder }));
  return UI_ACTION_ORDER.filter((a) => events.has(UI_ACTIONS[a].event) && (a !== 'reinstate' || accountSuspendedByCase));
}

export const CASE_SHORTCUTS = [
  { keys: ['n'], description: 'Claim and open the next case' },
  { keys: ['s'], description: 'Suspend the account' },
  { keys: ['d'], description: 'Dismiss the case' },
  { keys: ['e'], description: 'Escalate to a supervisor' },
  { keys: ['m'], description: 'Add a note' },
  { keys: ['Ctrl+Enter', '⌘+Enter'], description: 'Submit the open form' },
  { keys: ['Esc'], description: 'Close this help' },
  { keys: ['?'], description: 'Show this help' },
];
