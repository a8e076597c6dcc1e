import type { NetworkViewDTO } from '@/lib/networks/view-network';
import { NetworkGraph } from './network-graph';
import { NetworkResponseForm, type RespondToNetwork } from './network-response-form';
import { NetworkTable } from './network-table';
import { Panel } from './panel';

/**
 * The case page's Network section: the account's linked accounts two hops deep, as a graph and
 * as a table. Supervisors get the table with checkboxes and the response form; others read it.
 */
export function NetworkPanel({ caseId, network, respond }: { caseId: string; network: NetworkViewDTO; respond: RespondToNetwork | null }) {
  const linked = network.rows.length - 1;
  return (
    <Panel id="network" title="Network">
      {linked <= 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No linked accounts.</p>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {linked} linked account{linked === 1 ? '' : 's'} within two links, from shared evidence (metadata and hashes only).
          </p>
          {network.truncated ? (
            <p className="text-sm font-medium text-amber-900 dark:text-amber-200" data-testid="network-truncated">
              The network is larger: only the nearest {network.rows.length} accounts are shown.
            </p>
          ) : null}
          <NetworkGraph network={network} />
          {respond ? <NetworkResponseForm caseId={caseId} rows={network.rows} respond={respond} /> : <NetworkTable rows={network.rows} />}
        </div>
      )}
    </Panel>
  );
}
