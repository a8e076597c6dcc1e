import type { Metadata } from 'next';
import { requirePageRole } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { listApiKeys } from '@/lib/platform/list-api-keys';
import { listOutboxOverview } from '@/lib/platform/list-outbox-overview';
import { createApiKeyAction } from './actions';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { DeadLettersTable, DeliveriesTable } from './outbox-tables';

export const metadata: Metadata = { title: 'Integrations – Triage Console' };

/** Admin: API keys for platforms, and how decisions are reaching the platform. */
export default async function IntegrationsPage() {
  await requirePageRole('admin', '/console/admin/integrations');
  const [keys, outbox] = await Promise.all([listApiKeys(), listOutboxOverview()]);
  const webhook = getConfig().PLATFORM_WEBHOOK_URL;
  // Only the origin: a URL's path or query may carry a token of the receiver's.
  const webhookOrigin = webhook ? new URL(webhook).origin : null;

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">Integrations</h1>

      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-lg font-semibold">API keys</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Platforms send reports and read decisions with these keys. A key is shown once when it is created; only its hash is kept.
        </p>
        <ApiKeysTable keys={keys} />
        <h3 className="font-semibold">Create a key</h3>
        <CreateApiKeyForm create={createApiKeyAction} />
      </section>

      <section aria-labelledby="delivery-heading" className="space-y-3">
        <h2 id="delivery-heading" className="text-lg font-semibold">Decision delivery</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {webhookOrigin
            ? `Decisions are sent to the webhook at ${webhookOrigin}.`
            : 'No webhook is configured (PLATFORM_WEBHOOK_URL): decisions wait for the platform to poll GET /api/v1/decisions.'}{' '}
          {outbox.counts.pending} pending, {outbox.counts.delivered} delivered, {outbox.counts.dead} dead.
        </p>
        <h3 className="font-semibold">Dead letters</h3>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Each of these failed every attempt. Later decisions about the same case wait behind it, so the platform learns them in order. Retry once the receiver is fixed.
        </p>
        <DeadLettersTable rows={outbox.deadLetters} />
        <h3 className="font-semibold">Recent deliveries</h3>
        <DeliveriesTable rows={outbox.recentDeliveries} />
      </section>
    </div>
  );
}
