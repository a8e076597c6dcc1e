import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe-style: `X-TC-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`
 * with `X-TC-Timestamp` in unix seconds. The timestamp is signed so a captured request cannot be
 * replayed outside the tolerance window; the `v1=` prefix lets us add a scheme without breaking
 * receivers. Plain module (no server-only): platforms and tests import `verifyWebhookSignature`.
 */
export const SIGNATURE_HEADER = 'X-TC-Signature';
export const TIMESTAMP_HEADER = 'X-TC-Timestamp';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The two headers for one delivery, signed at `now` (unix seconds). */
export function signWebhook(secret: string, body: string, now = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: webhookSignature(secret, now, body) };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks a delivery against the raw body exactly as received (before any JSON parsing). Refuses a
 * timestamp more than `toleranceSeconds` away from `now` in either direction; compares in
 * constant time. Several `v1=` values separated by commas are accepted (for secret rotation).
 */
export function verifyWebhookSignature(input: {
  secret: string;
  body: string;
  timestamp: string | null;
  signature: string | null;
  toleranceSeconds?: number;
  now?: number;
}): SignatureCheck {
  const { secret, body, timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  const ts = Number(timestamp);
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(webhookSignature(secret, ts, body));
  const candidates = signature.split(',').map((s) => Buffer.from(s.trim()));
  if (candidates.some((c) => c.length === expected.length && timingSafeEqual(c, expected))) return { ok: true };
  return { ok: false, reason: 'mismatch' };
}
