import { ZAuditEvent } from './events';

/** Every audited event type, sorted: the audit view's event filter offers exactly these. */
export const AUDIT_EVENT_TYPES: readonly string[] = ZAuditEvent.options.map((member) => member.shape.event.value).sort();
