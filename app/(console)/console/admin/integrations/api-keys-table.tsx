import { formatUtc } from '@/components/ui/format';
import type { ApiKeyRow } from '@/lib/platform/list-api-keys';
import { revokeApiKeyAction } from './actions';
import { RowActionButton } from './row-action-button';

const cell = 'border-b border-slate-200 px-2 py-2 align-top dark:border-slate-800';

export function ApiKeysTable({ keys }: { keys: ApiKeyRow[] }) {
  if (keys.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No API keys yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">API keys</caption>
      <thead>
        <tr>
          {['Name', 'Key', 'Scopes', 'Created', 'Last used', 'Status'].map((h) => (
            <th key={h} scope="col" className={`${cell} font-semibold`}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id}>
            <td className={cell}>{k.name}</td>
            <td className={`${cell} font-mono`}>tc_{k.prefix}_…</td>
            <td className={cell}>{k.scopes.join(', ')}</td>
            <td className={cell}>
              <time dateTime={k.createdAt}>{formatUtc(new Date(k.createdAt))}</time>
              {k.createdBy ? ` by ${k.createdBy}` : ''}
            </td>
            <td className={cell}>{k.lastUsedAt ? <time dateTime={k.lastUsedAt}>{formatUtc(new Date(k.lastUsedAt))}</time> : 'Never'}</td>
            <td className={cell}>
              {k.revokedAt ? (
                <>Revoked <time dateTime={k.revokedAt}>{formatUtc(new Date(k.revokedAt))}</time></>
              ) : (
                <RowActionButton label="Revoke" confirmLabel={`Confirm: revoke ${k.name}`} run={revokeApiKeyAction.bind(null, { apiKeyId: k.id })} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
