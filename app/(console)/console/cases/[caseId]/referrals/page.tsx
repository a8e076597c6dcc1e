import { notFound } from 'next/navigation';
import { z } from 'zod';
import { NcmecSchemaNotice } from '@/components/referrals/ncmec-schema-notice';
import { OutsideText } from '@/components/ui/outside-text';
import { requirePageRole } from '@/lib/auth/guards';
import { roleAtLeast } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { firstParam, isPlainText, ZUuid } from '@/lib/http/params';
import { HOTLINE_REGISTRY } from '@/lib/referrals/hotlines';
import { getReferralPanel } from '@/lib/referrals/list-referrals';
import { canTakeStep, REFERRAL_STATUS_LABEL } from '@/lib/referrals/referral-state';
import { ncmecSchemaNotice } from '@/lib/referrals/settings';
import { decideReferralAction, prepareReferralAction, recordHotlineReportAction } from './actions';

export const dynamic = 'force-dynamic';

/** `?error=` carries a failed form's message back (actions.ts); anything else there is ignored. */
const ZReferralsPageQuery = z.object({
  error: z.preprocess((v) => {
    const text = firstParam(v);
    return typeof text === 'string' && text && isPlainText(text) ? text.slice(0, 500) : undefined;
  }, z.string().optional()),
});

/** Referral panel: which hotlines the case goes to and why, each referral's state, preview, approval, downloads. */
export default async function ReferralsPage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await params;
  const staff = await requirePageRole('moderator', `/console/cases/${encodeURIComponent(raw.caseId.toWellFormed())}/referrals`);
  const id = ZUuid.safeParse(raw.caseId);
  if (!id.success) notFound();
  const caseId = id.data;
  const error = ZReferralsPageQuery.parse(await searchParams).error;
  const panel = await getReferralPanel(caseId).catch((e: unknown) => (e instanceof AppError && e.code === 'not_found' ? notFound() : Promise.reject(e)));
  const isSupervisor = roleAtLeast(staff.role, 'supervisor');
  const schemaNotice = [...panel.routes, ...panel.referrals].some((r) => r.hotline === 'ncmec') ? ncmecSchemaNotice() : null;
  const preparable = new Set(panel.preparable);
  const prepareLabel = (hotline: string, name: string) => {
    const latest = panel.referrals.filter((r) => r.hotline === hotline).at(-1);
    if (!latest) return `Prepare referral to ${name}`;
    if (latest.status === 'acknowledged') return `Prepare a follow-up referral to ${name}`;
    return latest.approval?.status === 'rejected' ? `Prepare referral to ${name} again` : `Prepare a new version for ${name}`;
  };

  return (
    <div className="mx-auto max-w-4xl space-y-6 p-6">
      <h1 className="text-2xl font-semibold">Hotline referrals — case {panel.caseNumber}</h1>
      {error ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">{error}</p> : null}
      {schemaNotice ? <NcmecSchemaNotice notice={schemaNotice} /> : null}
      <section aria-labelledby="routes">
        <h2 id="routes" className="text-lg font-semibold">Where this case must go</h2>
        {panel.routes.length === 0 ? <p>No hotline: the case has no category reportable to a hotline.</p> : null}
        <ul className="space-y-2">
          {panel.routes.map((route) => (
            <li key={route.hotline} className="rounded border p-3">
              <p className="font-medium">{route.name}</p>
              <ul className="list-disc pl-5 text-sm">{route.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
              {preparable.has(route.hotline) ? (
                <form action={prepareReferralAction} className="mt-2">
                  <input type="hidden" name="caseId" value={caseId} />
                  <input type="hidden" name="hotline" value={route.hotline} />
                  <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-white">{prepareLabel(route.hotline, route.name)}</button>
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
          <article key={r.id} className="space-y-2 rounded border p-3" aria-label={`Referral to ${HOTLINE_REGISTRY[r.hotline].name}${r.version > 1 ? `, version ${r.version}` : ''}`}>
            <p className="font-medium">{HOTLINE_REGISTRY[r.hotline].name}, version {r.version}: <span data-testid="referral-status">{r.status}</span></p>
            <p className="text-sm">{REFERRAL_STATUS_LABEL[r.status]}. Prepared by {r.createdByName} on {r.preparedAt ?? r.createdAt}.</p>
            {r.payloadSha256 ? <p className="break-all text-xs">Prepared payload SHA-256 (what approval binds and every export copies): <span className="font-mono">{r.payloadSha256}</span></p> : null}
            {r.followUpOf.length ? <p className="text-sm">Follow-up: cites the hotline&apos;s earlier report {r.followUpOf.join(', ')}.</p> : null}
            {r.reportsSince > 0 ? (
              <p role="status" className="rounded border border-amber-400 bg-amber-50 p-2 text-sm dark:bg-amber-950">
                {r.reportsSince} {r.reportsSince === 1 ? 'report' : 'reports'} arrived after this version was prepared. They are not in it; prepare a new version (approved again) to include them.
              </p>
            ) : null}
            {r.approval?.status === 'rejected' ? <p className="text-sm">Rejected by {r.approval.decidedByName}: {r.approval.decisionReason}. Prepare it again after fixing.</p> : null}
            {r.approval?.decidedByName && r.approval.status === 'approved' ? <p className="text-sm">Approved by {r.approval.decidedByName}.</p> : null}
            {r.hotlineReportId ? <p className="text-sm">Hotline report ID {r.hotlineReportId}, submitted {r.submittedAt}.</p> : null}
            {r.preview ? (
              <details open={isSupervisor}>
                <summary>Preview of {r.preview.path} (SHA-256 {r.preview.sha256})</summary>
                <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs"><OutsideText text={r.preview.text} /></pre>
                {/* Inside the preview: the decision controls exist only while the stored bytes are open. */}
                {isSupervisor && r.approval?.requestedById !== staff.id && r.createdById !== staff.id ? (
                  <form action={decideReferralAction} className="mt-2 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="caseId" value={caseId} />
                    <input type="hidden" name="referralId" value={r.id} />
                    <input type="hidden" name="payloadSha256" value={r.preview.sha256} />
                    <label className="text-sm">Reason (needed to reject) <input name="reason" className="border px-2" /></label>
                    <button type="submit" name="decision" value="approve" className="rounded bg-green-700 px-3 py-1 text-white">Approve referral</button>
                    <button type="submit" name="decision" value="reject" className="rounded border px-3 py-1">Reject</button>
                  </form>
                ) : null}
              </details>
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
    </div>
  );
}
