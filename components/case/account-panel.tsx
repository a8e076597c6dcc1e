import { formatUtc } from '@/components/ui/format';
import type { AccountDTO } from '@/lib/cases/get-case-dto';
import { CopyText } from './copy-text';
import { Fact } from './case-header';
import { InertLink } from './inert-link';
import { Panel } from './panel';
import { OutsideText } from '@/components/ui/outside-text';

const ENFORCEMENT = { none: 'No action in force', suspended: 'Suspended', preserved: 'Preservation hold' } as const;

/** The reported account's identifiers, as text with copy buttons; the profile link is defanged. */
export function AccountPanel({ account }: { account: AccountDTO }) {
  return (
    <Panel id="account" title="Account">
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <Fact term="Handle">
          {account.handle ? (
            <span className="flex flex-wrap items-center gap-2">
              <OutsideText text={`@${account.handle}`} className="font-medium break-all" />
              <CopyText text={account.handle} label="Copy handle" />
            </span>
          ) : (
            'not given'
          )}
        </Fact>
        <Fact term="Platform account ID">
          {account.platformAccountId ? (
            <span className="flex flex-wrap items-center gap-2">
              <OutsideText text={account.platformAccountId} className="font-mono break-all" />
              <CopyText text={account.platformAccountId} label="Copy platform account ID" />
            </span>
          ) : (
            'not given'
          )}
        </Fact>
        <Fact term="Platform">{account.platform}</Fact>
        <Fact term="Enforcement">
          {ENFORCEMENT[account.enforcement]}
          {account.enforcement === 'suspended' ? (account.suspendedUntil ? ` until ${formatUtc(account.suspendedUntil)}` : ' (permanent)') : null}
        </Fact>
        {account.profileUrl ? (
          <div className="sm:col-span-2">
            <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Profile link (not opened)</dt>
            <dd className="mt-0.5">
              <InertLink url={account.profileUrl} label="Copy original profile link" />
            </dd>
          </div>
        ) : null}
        <Fact term="Country hint">{account.countryHint ? <OutsideText text={account.countryHint} /> : 'none'}</Fact>
        <Fact term="Reported since">{formatUtc(account.firstReportedAt)}</Fact>
      </dl>
    </Panel>
  );
}
