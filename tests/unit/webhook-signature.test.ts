import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature, webhookSignature } from '@/lib/platform/webhook-signature';

const secret = 'whsec-test-0123456789-abcdefghijklmnop';
const body = JSON.stringify({ version: 1, type: 'account.suspended', caseId: 'c1', details: { until: null } });
const now = 1_800_000_000;

function signed() {
  const headers = signWebhook(secret, body, now);
  return { timestamp: headers['X-TC-Timestamp'] ?? null, signature: headers['X-TC-Signature'] ?? null };
}

describe('webhook signatures', () => {
  it('signs timestamp.body with HMAC-SHA256 as v1=<hex>', () => {
    const { timestamp, signature } = signed();
    expect(timestamp).toBe(String(now));
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    // Known answer, so the documented scheme cannot drift: HMAC-SHA256("k", "1.{}").
    expect(webhookSignature('k', 1, '{}')).toBe('v1=3dd49b2593d0f9a349e9e71c4bde3e2b862c2be4003fe9b4ba81332029310158');
  });

  it('verifies its own signature (round trip)', () => {
    expect(verifyWebhookSignature({ secret, body, ...signed(), now })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ secret, body, ...signed(), now: now + 299 })).toEqual({ ok: true });
  });

  it('refuses a tampered body, timestamp or signature, and the wrong secret', () => {
    const good = signed();
    expect(verifyWebhookSignature({ secret, body: body.replace('suspended', 'reinstated'), ...good, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ secret, body: `${body} `, ...good, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ secret, body, signature: good.signature, timestamp: String(now + 1), now })).toEqual({ ok: false, reason: 'mismatch' });
    const flipped = good.signature!.slice(0, -1) + (good.signature!.endsWith('0') ? '1' : '0');
    expect(verifyWebhookSignature({ secret, body, timestamp: good.timestamp, signature: flipped, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ secret: `${secret}x`, body, ...good, now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a timestamp outside the tolerance window, either side', () => {
    expect(verifyWebhookSignature({ secret, body, ...signed(), now: now + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature({ secret, body, ...signed(), now: now - 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature({ secret, body, ...signed(), now: now + 60, toleranceSeconds: 30 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses missing or malformed headers', () => {
    const good = signed();
    expect(verifyWebhookSignature({ secret, body, timestamp: null, signature: good.signature, now }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp: good.timestamp, signature: null, now }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp: '1.5e9', signature: good.signature, now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWebhookSignature({ secret, body, timestamp: good.timestamp, signature: good.signature!.slice(3), now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts any of several comma-separated signatures (secret rotation)', () => {
    const good = signed();
    const both = `${webhookSignature('old-secret-0123456789-0123456789ab', now, body)}, ${good.signature}`;
    expect(verifyWebhookSignature({ secret, body, timestamp: good.timestamp, signature: both, now })).toEqual({ ok: true });
  });
});
