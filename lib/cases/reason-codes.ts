/**
 * The reason codes a decision must carry, per action type. Pure data: the console renders these as
 * the choices of each action's form, the server validates against the same lists (lib/cases/schema.ts),
 * and the code (never the label) is what case_actions.reason_code, the audit log and the platform's
 * decision message record. Codes are stable identifiers: add new ones, never rename or reuse one.
 */

export type ReasonCode = { readonly code: string; readonly label: string; readonly description: string };

export const REASON_CODES = {
  suspend: [
    {
      code: 'csam_shared',
      label: 'Shared child sexual abuse material',
      description: 'The account posted, sent or linked to sexual images or videos of a child.',
    },
    {
      code: 'grooming',
      label: 'Grooming a child',
      description: 'An adult building contact with a child for sexual purposes, or trying to meet them.',
    },
    {
      code: 'sextortion',
      label: 'Sextortion',
      description: "Threats to share a child's intimate images unless they send more or pay.",
    },
    {
      code: 'trafficking',
      label: 'Trafficking or selling a child',
      description: 'Offering, advertising or arranging the sale or exploitation of a child.',
    },
    {
      code: 'obscene_material_to_child',
      label: 'Sexual material sent to a child',
      description: 'The account sent sexual material to someone known or believed to be a child.',
    },
    {
      code: 'other_child_harm',
      label: 'Other harm to a child',
      description: 'Another serious risk to a child that warrants removal; explain it in the note.',
    },
  ],
  preservation_hold: [
    {
      code: 'law_enforcement_request',
      label: 'Law-enforcement request',
      description: 'Police or a hotline asked for the account data to be preserved for an investigation.',
    },
    {
      code: 'covert_investigation',
      label: 'Investigation must stay covert',
      description: 'Suspending would alert the account holder; keep it up and preserve its data.',
    },
    {
      code: 'pending_referral',
      label: 'Pending hotline referral',
      description: 'A referral to a national hotline is being prepared; preserve the data until it is sent.',
    },
  ],
  // Ending a preservation hold before its expiry (two people; lib/preservation/request-hold-release.ts).
  hold_release: [
    {
      code: 'request_withdrawn',
      label: 'The requesting authority withdrew its request',
      description: 'Police or the hotline said the account data no longer needs preserving.',
    },
    {
      code: 'investigation_closed',
      label: 'Investigation closed',
      description: 'The investigation the data was preserved for has ended.',
    },
    {
      code: 'started_in_error',
      label: 'Started in error',
      description: 'The hold was started on the wrong account or without a valid basis.',
    },
  ],
  dismiss: [
    {
      code: 'no_violation',
      label: 'No violation found',
      description: 'The account was reviewed and nothing in it breaks the policy.',
    },
    {
      code: 'insufficient_information',
      label: 'Not enough information',
      description: 'The reports do not identify content or behaviour that could be checked.',
    },
    {
      code: 'account_not_found',
      label: 'Account not found',
      description: 'No account on the platform matches the reported handle, link or ID.',
    },
    {
      code: 'already_actioned',
      label: 'Already actioned by the platform',
      description: 'The platform had already removed the account or content before review.',
    },
    {
      code: 'malicious_report',
      label: 'Malicious or false report',
      description: 'The reports appear to be a coordinated or bad-faith attempt to remove the account.',
    },
  ],
  escalate: [
    {
      code: 'needs_supervisor_judgement',
      label: 'Needs a supervisor’s judgement',
      description: 'The evidence is unclear or the decision is unusually consequential.',
    },
    {
      code: 'imminent_danger',
      label: 'A child may be in immediate danger',
      description: 'Needs urgent supervisor attention and possibly contact with law enforcement.',
    },
    {
      code: 'law_enforcement_involved',
      label: 'Law enforcement involved',
      description: 'Police or a hotline are already involved; a supervisor should coordinate.',
    },
    {
      code: 'high_profile_account',
      label: 'High-profile account',
      description: 'A widely followed or public-interest account; decisions go through a supervisor.',
    },
    {
      code: 'reviewer_wellbeing',
      label: 'Reviewer wellbeing',
      description: 'The reviewer needs to step away from this case; a supervisor will reassign it.',
    },
  ],
  reinstate: [
    {
      code: 'decision_overturned',
      label: 'Decision overturned on review',
      description: 'A second review found the suspension was not justified.',
    },
    {
      code: 'mistaken_identity',
      label: 'Wrong account',
      description: 'The suspension hit an account other than the one the reports were about.',
    },
    {
      code: 'law_enforcement_request',
      label: 'Law-enforcement request',
      description: 'Law enforcement asked for the account to be restored for an investigation.',
    },
  ],
  release: [
    {
      code: 'end_of_shift',
      label: 'End of shift',
      description: 'The reviewer is leaving; the case goes back to the queue.',
    },
    {
      code: 'conflict_of_interest',
      label: 'Conflict of interest',
      description: 'The reviewer knows or is connected to someone in the case.',
    },
    {
      code: 'reviewer_wellbeing',
      label: 'Reviewer wellbeing',
      description: 'The reviewer needs to step away from this case.',
    },
    {
      code: 'supervisor_release',
      label: 'Released by a supervisor',
      description: "A supervisor returned someone else's case to the queue.",
    },
  ],
  reassign: [
    {
      code: 'workload_balancing',
      label: 'Workload balancing',
      description: 'Moving the case to someone with more capacity.',
    },
    {
      code: 'specialist_needed',
      label: 'Specialist needed',
      description: 'The case needs a reviewer with specific language or subject expertise.',
    },
    {
      code: 'escalation_follow_up',
      label: 'Escalation follow-up',
      description: 'A supervisor hands an escalated case to a named reviewer with instructions.',
    },
    {
      code: 'reviewer_unavailable',
      label: 'Reviewer unavailable',
      description: 'The current holder is away; the case must not wait for them.',
    },
  ],
} as const satisfies Record<string, readonly [ReasonCode, ...ReasonCode[]]>;

export type ReasonCodeAction = keyof typeof REASON_CODES;
export type ReasonCodeOf<A extends ReasonCodeAction> = (typeof REASON_CODES)[A][number]['code'];

export const REASON_CODE_ACTIONS = Object.keys(REASON_CODES) as ReasonCodeAction[];

/** The codes of one action type, as a non-empty tuple (for z.enum). */
export function reasonCodesFor<A extends ReasonCodeAction>(action: A): [ReasonCodeOf<A>, ...ReasonCodeOf<A>[]] {
  return REASON_CODES[action].map((r) => r.code) as [ReasonCodeOf<A>, ...ReasonCodeOf<A>[]];
}

/** The entry for a code of an action type, or undefined when the code is not valid for it. */
export function findReasonCode(action: ReasonCodeAction, code: string): ReasonCode | undefined {
  return (REASON_CODES[action] as readonly ReasonCode[]).find((r) => r.code === code);
}

/** The human label of a recorded code, falling back to the code itself for retired codes. */
export function reasonLabel(action: ReasonCodeAction, code: string): string {
  return findReasonCode(action, code)?.label ?? code;
}
