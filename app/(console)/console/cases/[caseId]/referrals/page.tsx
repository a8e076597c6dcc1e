import { OutsideText } from '@/components/ui/outside-text';
import { requirePageRole } from '@/lib/auth/guards';
import { roleAtLeast } from '@/lib/auth/roles';
import { HOTLINE_REGISTRY } from '@/lib/referrals/hotlines';
import { getReferralPanel } from '@/lib/referrals/list-referrals';
import { canTakeStep, REFERRAL_STATUS_LABEL } from '@/lib/referrals/referral-state';
import { decideReferralAction, prepareReferralAction, recordHotlineReportAction } from './actions';

export const dynamic = 'force-dynamic';

/** Referral panel: which hotlines the case goes to and why, each referral's state, preview, approval, downloads. */
export default async function ReferralsPage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { caseId } = await params;
  const { error } = await searchParams;
  const staff = await requirePageRole('moderator', `/console/cases/${caseId}/referrals`);
  const panel = await getReferralPanel(caseId);
  const isSupervisor = roleAtLeast(staff.role, 'supervisor');
  const active = new Set(panel.referrals.filter((r) => r.status !== 'acknowledged' && !(r.status === 'draft' && r.approval?.status === 'rejected')).map((r) => r.hotline));

  return (
    <main className="mx-auto max-w-4xl space-y-6 p-6">
      <h1 className="text-2xl font-semibold">Hotline referrals — case {panel.caseNumber}</h1>
      {error ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">{error}</p> : null}
      <section aria-labelledby="routes">
        <h2 id="routes" className="text-lg font-semibold">Where this case must go</h2>
        {panel.routes.length === 0 ? <p>No hotline: the case has no category reportable to a hotline.</p> : null}
        <ul className="space-y-2">
          {panel.routes.map((route) => (
            <li key={route.hotline} className="rounded border p-3">
              <p className="font-medium">{route.name}</p>
              <ul className="list-disc pl-5 text-sm">{route.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
              {!active.has(route.hotline) ? (
                <form action={prepareReferralAction} className="mt-2">
                  <input type="hidden" name="caseId" value={caseId} />
                  <input type="hidden" name="hotline" value={route.hotline} />
                  <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-white">Prepare referral to {route.name}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {panel.priorReports.length ? (
          <p className="mt-2 text-sm">Follow-up: earlier hotline reports about this account: {panel.priorReports.map((p) => `${p.hotline} ${p.hotlineReportId} (case ${p.caseNumber})`).join(', ')}.</p>
        ) : null}
      </section>

      <section aria-labelledby="referrals" className="space-y-4">
        <h2 id="referrals" className="text-lg font-semibold">Referrals</h2>
        {panel.referrals.map((r) => (
          <article key={r.id} className="space-y-2 rounded border p-3" aria-label={`Referral to ${HOTLINE_REGISTRY[r.hotline].name}`}>
            <p className="font-medium">{HOTLINE_REGISTRY[r.hotline].name}: <span data-testid="referral-status">{r.status}</span></p>
            <p className="text-sm">{REFERRAL_STATUS_LABEL[r.status]}. Prepared by {r.createdByName} on {r.createdAt}.</p>
            {r.approval?.status === 'rejected' ? <p className="text-sm">Rejected by {r.approval.decidedByName}: {r.approval.decisionReason}. Prepare it again after fixing.</p> : null}
            {r.approval?.decidedByName && r.approval.status === 'approved' ? <p className="text-sm">Approved by {r.approval.decidedByName}.</p> : null}
            {r.hotlineReportId ? <p className="text-sm">Hotline report ID {r.hotlineReportId}, submitted {r.submittedAt}.</p> : null}
            {r.preview ? (
              <details open={isSupervisor}>
                <summary>Preview of {r.preview.path} (SHA-256 {r.preview.sha256})</summary>
                <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs"><OutsideText text={r.preview.text} /></pre>
              </details>
            ) : null}
            {r.preview && isSupervisor && r.approval?.requestedById !== staff.id && r.createdById !== staff.id ? (
              <form action={decideReferralAction} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="caseId" value={caseId} />
                <input type="hidden" name="referralId" value={r.id} />
                <label className="text-sm">Reason (needed to reject) <input name="reason" className="border px-2" /></label>
                <button type="submit" name="decision" value="approve" className="rounded bg-green-700 px-3 py-1 text-white">Approve referral</button>
                <button type="submit" name="decision" value="reject" className="rounded border px-3 py-1">Reject</button>
              </form>
            ) : null}
            {canTakeStep(r.status, 'export') ? (
              <form action={`/api/v1/referrals/${r.id}/export`} method="post">
                <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-white">Download packet (new version)</button>
              </form>
            ) : null}
            {canTakeStep(r.status, 'acknowledge') ? (
              <form action={recordHotlineReportAction} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="caseId" value={caseId} />
                <input type="hidden" name="referralId" value={r.id} />
                <label className="text-sm">Hotline report ID <input name="hotlineReportId" required className="border px-2" /></label>
                <label className="text-sm">Submitted at <input name="submittedAt" type="datetime-local" required className="border px-2" /></label>
                <button type="submit" className="rounded border px-3 py-1">Record submission</button>
              </form>
            ) : null}
            {r.exports.length ? (
              <table className="text-xs">
                <thead><tr><th className="pr-2 text-left">Version</th><th className="pr-2 text-left">Created</th><th className="text-left">SHA-256</th></tr></thead>
                <tbody>{r.exports.map((e) => <tr key={e.version}><td>v{e.version}</td><td className="pr-2">{e.createdAt} by {e.createdByName}</td><td className="break-all font-mono">{e.sha256}</td></tr>)}</tbody>
              </table>
            ) : null}
          </article>
        ))}
      </section>
    </main>
  );
}
