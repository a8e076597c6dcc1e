import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { recordPreservation } from '@/lib/response/record-preservation';
import { respondToCase } from '@/lib/response/respond-to-case';
import { askToStandDownAgain } from '@/lib/response/stand-down';
import { waiveObligation } from '@/lib/response/waive-obligation';
import { addNote } from './add-note';
import { dismissCase } from './dismiss-case';
import { escalateCase } from './escalate-case';
import { reinstateAccount } from './reinstate-account';
import { requestPreservationHold } from './request-preservation-hold';
import type { TCaseActionInput } from './schema';
import { suspendAccount } from './suspend-account';
import type { ActionResultSummary } from './types';

/**
 * One entry point for the case page's action forms (input parsed with ZCaseActionInput). Each type
 * is its own verb in its own file; each runs in one transaction that checks the expected version,
 * the state machine and the actor's role and claim.
 */
export async function takeAction({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TCaseActionInput;
}): Promise<ActionResultSummary> {
  const args = { caseId, actor, expectedVersion };
  switch (input.type) {
    case 'suspend':
      return suspendAccount({ ...args, input });
    case 'request_preservation_hold':
      return requestPreservationHold({ ...args, input });
    case 'dismiss':
      return dismissCase({ ...args, input });
    case 'escalate':
      return escalateCase({ ...args, input });
    case 'note':
      return addNote({ ...args, input });
    case 'reinstate':
      return reinstateAccount({ ...args, input });
    case 'record_preservation':
      return recordPreservation({ ...args, input });
    case 'respond':
      return respondToCase({ ...args, input });
    case 'waive_obligation':
      return waiveObligation({ ...args, input });
    case 'request_stand_down':
      return askToStandDownAgain({ ...args, input });
    default: {
      const unknown: never = input;
      throw new Error(`Unknown case action ${JSON.stringify(unknown)}`);
    }
  }
}
