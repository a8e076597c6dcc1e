import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AccountPanel } from '@/components/case/account-panel';
import { ActionsPanel } from '@/components/case/actions-panel';
import { CaseHeader } from '@/components/case/case-header';
import { EarlierCases } from '@/components/case/earlier-cases';
import { KnownContentPanel } from '@/components/case/known-content-panel';
import { LeasePanel } from '@/components/case/lease-panel';
import { NetworkPanel } from '@/components/case/network-panel';
import { PriorityExplainer } from '@/components/case/priority-explainer';
import { ReassignForm, type ReassignAction } from '@/components/case/reassign-form';
import { ReferralRoutes } from '@/components/case/referral-routes';
import { ObligationsPanel } from '@/components/case/obligations-panel';
import { ReportsList } from '@/components/case/reports-list';
import { Timeline } from '@/components/case/timeline';
import { requirePageRole } from '@/lib/auth/guards';
import { roleAtLeast } from '@/lib/auth/roles';
import { REASON_CODES } from '@/lib/cases/reason-codes';
import { ZUuid } from '@/lib/http/params';
import { listAssignableStaff } from '@/lib/staff/list-assignable-staff';
import { getCase } from '@/lib/cases/get-case';
import { getCaseKnownContent } from '@/lib/known-content/get-case-known-content';
import { accountPreserved } from '@/lib/preservation/account-preserved';
import { getReferralSummary } from '@/lib/referrals/get-referral-summary';
import { getCaseObligations } from '@/lib/response/get-case-obligations';
import { isUsReportable } from '@/lib/response/obligation-rules';
import { viewAccountNetwork } from '@/lib/networks/view-network';
import { claimNextCaseAction } from '../../actions';
import { reassignCaseAction, releaseCaseAction, renewLeaseAction, takeCaseAction, takeThisCaseAction } from './actions';
import { respondToNetworkAction } from './network-actions';

export const metadata: Metadata = { title: 'Case' };

type Props = { params: Promise<{ caseId: string }> };

export default async function CasePage({ params }: Props) {
  const raw = await params;
  const staff = await requirePageRole('moderator', `/console/cases/${encodeURIComponent(raw.caseId.toWellFormed())}`);
  const caseId = ZUuid.safeParse(raw.caseId);
  if (!caseId.success) notFound();
  const kase = await getCase({ caseId: caseId.data, viewer: staff });
  if (!kase) notFound();
  const [referrals, obligations, preserved, knownContent, network] = await Promise.all([
    getReferralSummary(kase.id),
    getCaseObligations(kase.id),
    accountPreserved(kase.account.id),
    getCaseKnownContent(kase.id),
    viewAccountNetwork({ caseId: kase.id, accountId: kase.account.id, viewer: staff }),
  ]);
  const canReassign = roleAtLeast(staff.role, 'supervisor') && kase.status !== 'closed';
  const assignable = canReassign ? await listAssignableStaff() : [];

  const now = new Date();
  const leaseLive = kase.status === 'in_review' && kase.leaseExpiresAt !== null && kase.leaseExpiresAt > now;
  const isHolder = kase.holder?.id === staff.id && leaseLive;
  // Unclaimed: the statuses and lease rule under which Next case could pick it (lib/queue/take-case.ts re-checks).
  const takeable = kase.status === 'open' || (kase.status === 'in_review' && !leaseLive);

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/console" className="text-blue-800 underline underline-offset-2 dark:text-sky-300">
          Queue
        </Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">Case #{kase.caseNumber}</span>
      </nav>
      <CaseHeader kase={kase} now={now} />
      <LeasePanel
        caseId={kase.id}
        holderName={kase.holder?.name ?? null}
        isHolder={isHolder}
        leaseExpiresAt={kase.leaseExpiresAt}
        active={kase.status === 'in_review'}
        renew={renewLeaseAction}
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <ActionsPanel
            caseId={kase.id}
            version={kase.version}
            status={kase.status}
            role={staff.role}
            isHolder={isHolder}
            takeable={takeable}
            facts={{
              accountSuspendedByCase:
                kase.account.enforcement === 'suspended' && (kase.resolution === 'suspended' || (kase.status === 'responding' && kase.timeline.some((t) => t.kind === 'action' && t.type === 'suspend'))),
              reportable: isUsReportable(kase.categories),
              accountSuspended: kase.account.enforcement === 'suspended',
              preserved,
            }}
            formContext={{ dangerNow: kase.dangerNow, hotlines: referrals.routes.map((r) => r.name) }}
            actions={{ take: takeCaseAction, release: releaseCaseAction, claimNext: claimNextCaseAction, takeThis: takeThisCaseAction }}
          />
          {canReassign ? (
            <ReassignForm
              caseId={kase.id}
              version={kase.version}
              staff={assignable}
              reasons={REASON_CODES.reassign.map(({ code, label }) => ({ code, label }))}
              // The action's schema checks the reason code; the form only knows it as a string.
              reassign={reassignCaseAction as ReassignAction}
            />
          ) : null}
          <KnownContentPanel matches={knownContent} />
          <ObligationsPanel caseId={kase.id} version={kase.version} obligations={obligations} canWaive={roleAtLeast(staff.role, 'supervisor') && kase.status === 'responding'} now={now} take={takeCaseAction} />
          <ReportsList reports={kase.reports} total={kase.reportCount} truncated={kase.reportsTruncated} showsContacts={kase.showsContacts} />
        </div>
        <div className="space-y-4">
          <AccountPanel account={kase.account} />
          <PriorityExplainer parts={kase.priorityParts} score={kase.priorityScore} />
          <ReferralRoutes caseId={kase.id} routes={referrals.routes} referrals={referrals.referrals} />
          <Timeline entries={kase.timeline} approvals={kase.approvals} />
          <EarlierCases cases={kase.earlierCases} />
        </div>
      </div>
      {/* Supervisors act on a network; the action re-checks the role. */}
      <NetworkPanel caseId={kase.id} network={network} respond={roleAtLeast(staff.role, 'supervisor') ? respondToNetworkAction : null} />
    </div>
  );
}
