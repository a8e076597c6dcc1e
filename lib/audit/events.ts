import { z } from 'zod';
import { casesEvents } from './events/cases';
import { hashListEvents } from './events/hash-lists';
import { intakeEvents } from './events/intake';
import { knownContentEvents } from './events/known-content';
import { networksEvents } from './events/networks';
import { oversightEvents } from './events/oversight';
import { platformEvents } from './events/platform';
import { preservationEvents } from './events/preservation';
import { referralsEvents } from './events/referrals';
import { staffEvents } from './events/staff';

/**
 * Every audited event and its payload, one member per event type, grouped by domain in
 * lib/audit/events/. Payloads carry IDs and short summaries, never reporter contact details or IP
 * addresses. Add a member before writing a new event type. A member with `caseId` files the entry
 * under that case.
 */
export const ZAuditEvent = z.discriminatedUnion('event', [...intakeEvents, ...staffEvents, ...casesEvents, ...platformEvents, ...oversightEvents, ...referralsEvents, ...preservationEvents, ...knownContentEvents, ...networksEvents, ...hashListEvents]);

export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export type AuditEventName = TAuditEvent['event'];

export type AuditActor =
  | { type: 'public'; id?: null }
  | { type: 'api'; id: string }
  | { type: 'staff'; id: string }
  | { type: 'system'; id?: string | null };
