/**
 * A readable before/after summary of an audit entry's payload, for the audit view. Pure: it turns
 * the typed payload into short label/value text lines; the page renders them as text (React escapes
 * them), never as HTML. Unknown shapes still summarise, so old entries stay readable.
 */

export type SummaryLine = { label: string; value: string };
export type AuditSummary = { before: SummaryLine[]; after: SummaryLine[]; details: SummaryLine[] };

const MAX_VALUE = 300;

/** `previousAssigneeId` → `Previous assignee ID`. */
export function labelFor(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/\bid\b/g, 'ID')
    .replace(/\bids\b/g, 'IDs');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A payload value as one line of text (arrays joined, objects as compact JSON), capped in length. */
export function valueText(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '—';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) text = value.map(valueText).join(', ');
  else text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Pairs that describe a change: the left key is the state before, the right one after. */
const CHANGE_PAIRS: [before: string, after: string, label: string][] = [
  ['from', 'to', 'Status'],
  ['before', 'after', 'Value'],
  ['fromAssigneeId', 'toAssigneeId', 'Assignee ID'],
];

export function summarisePayload(payload: unknown): AuditSummary {
  const summary: AuditSummary = { before: [], after: [], details: [] };
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    if (payload !== null && payload !== undefined) summary.details.push({ label: 'Payload', value: valueText(payload) });
    return summary;
  }
  const record = payload as Record<string, unknown>;
  const used = new Set<string>();
  for (const [beforeKey, afterKey, label] of CHANGE_PAIRS) {
    if (beforeKey in record || afterKey in record) {
      summary.before.push({ label, value: valueText(record[beforeKey]) });
      summary.after.push({ label, value: valueText(record[afterKey]) });
      used.add(beforeKey).add(afterKey);
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (used.has(key)) continue;
    if (key === 'version' && summary.after.length > 0) {
      summary.after.push({ label: 'Case version', value: valueText(value) });
      continue;
    }
    summary.details.push({ label: labelFor(key), value: valueText(value) });
  }
  return summary;
}

/** One short line for the table: the change if there is one, else the first detail or two. */
export function summaryLine(payload: unknown): string {
  const s = summarisePayload(payload);
  const change = s.before.map((b, i) => `${b.label}: ${b.value} → ${s.after[i]?.value ?? '—'}`);
  const lines = change.length > 0 ? change : s.details.slice(0, 2).map((d) => `${d.label}: ${d.value}`);
  return valueText(lines.join('; '));
}
