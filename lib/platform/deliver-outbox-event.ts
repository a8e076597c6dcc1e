import 'server-only';
import { getPrisma } from '@/lib/db';
import { afterFailure, CLAIM_LEASE_SECONDS, DELIVERY_TIMEOUT_MS, describeFailure, retryDelayMs } from './delivery-policy';
import type { ClaimedEvent } from './claim-due-events';
import { signWebhook } from './webhook-signature';

export type WebhookTarget = { url: string; secret: string; maxAttempts: number };
export type DeliveryResult = 'delivered' | 'retry' | 'dead' | 'stale';

/**
 * One webhook attempt for a claimed outbox event (lib/platform/claim-due-events.ts).
 *
 * At-least-once with a stable key: the body is the stored DecisionMessage and `Idempotency-Key` is
 * the row's idempotency_key, identical on every attempt, so a receiver that dedupes by it applies
 * each decision exactly once. The row is marked delivered only after a 2xx; if this process dies
 * in between, the lease runs out and the same key is sent again. Redirects are not followed (the
 * signed body must only go to the configured URL); response bodies are never read or logged.
 */
export async function deliverOutboxEvent(
  claimed: ClaimedEvent,
  target: WebhookTarget,
  deps: { fetch?: typeof fetch; random?: () => number } = {},
): Promise<DeliveryResult> {
  const prisma = getPrisma();
  // Start: renew the lease from now, only if this claim still owns the row. A job that ran after
  // its lease ended (a newer claim exists) or a row already settled is left alone.
  const [row] = await prisma.$queryRawUnsafe<{ payload: unknown; idempotency_key: string }[]>(
    `UPDATE outbox_events SET next_attempt_at = now() + make_interval(secs => $3)
      WHERE id = $1 AND attempts = $2 AND status = 'pending'
      RETURNING payload, idempotency_key::text`,
    claimed.id,
    claimed.attempt,
    CLAIM_LEASE_SECONDS,
  );
  if (!row) return 'stale';

  const body = JSON.stringify(row.payload);
  let failure: string;
  try {
    const response = await (deps.fetch ?? fetch)(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'TriageConsole-Webhook/1',
        'Idempotency-Key': row.idempotency_key,
        ...signWebhook(target.secret, body),
      },
      body,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) {
      await prisma.outboxEvent.updateMany({
        where: { id: claimed.id, status: 'pending' },
        data: { status: 'delivered', deliveredAt: new Date(), lastError: null },
      });
      return 'delivered';
    }
    failure = describeFailure({ status: response.status });
  } catch (error) {
    failure = describeFailure({ error });
  }

  const outcome = afterFailure(claimed.attempt, target.maxAttempts);
  const delayMs = retryDelayMs(claimed.attempt, deps.random);
  // Guarded by the attempt number, so a late job cannot overwrite a newer attempt's outcome.
  await prisma.$executeRawUnsafe(
    `UPDATE outbox_events
        SET status = $3::"OutboxStatus", last_error = $4,
            next_attempt_at = now() + make_interval(secs => $5)
      WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    claimed.id,
    claimed.attempt,
    outcome === 'dead' ? 'dead' : 'pending',
    failure,
    delayMs / 1000,
  );
  console.warn(
    `[webhook] outbox event ${claimed.id} attempt ${claimed.attempt} failed: ${failure}; ` +
      (outcome === 'dead' ? 'dead-lettered' : `next try in ${Math.round(delayMs / 1000)} s`),
  );
  return outcome;
}
