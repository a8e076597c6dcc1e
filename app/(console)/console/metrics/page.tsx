import type { Metadata } from 'next';
import Link from 'next/link';
import { BacklogTable, DurationTable, ThroughputTable } from '@/components/metrics/metrics-tables';
import { ReferralAgeTable } from '@/components/metrics/referral-age-table';
import { VolumeChart } from '@/components/metrics/volume-chart';
import { Callout } from '@/components/ui/callout';
import { requirePageRole } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { getMetrics } from '@/lib/metrics/get-metrics';
import { formatHours } from '@/lib/response/referral-obligation-rules';

export const metadata: Metadata = { title: 'Metrics' };
export const dynamic = 'force-dynamic';

const hourLabel = (d: Date) => `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 13)}:00`;

export default async function MetricsPage() {
  const staff = await requirePageRole('supervisor', '/console/metrics');
  const config = getConfig();
  const m = await getMetrics({ actor: staff, exposureCap: config.EXPOSURE_CAP_PER_DAY, referralTargetHours: config.REFERRAL_TARGET_HOURS });
  const referrals = m.referralObligations;
  const target = formatHours(referrals.targetHours);
  const hourly = m.perHour.map((p) => ({ label: hourLabel(p.hour), reports: p.reports, cases: p.cases }));
  const daily = m.breachesByDay.map((d) => ({ label: d.day.toISOString().slice(5, 10), due: d.due, breached: d.breached }));
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Metrics</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">Are we keeping up? All times UTC. {m.breachedNow} open cases are past their SLA now.</p>
      </div>
      {m.overCap.length > 0 ? (
        <Callout tone="danger" title="Exposure over the daily cap" titleId="exposure-warning">
          <p>
            These people opened more than {m.exposureCap} cases in a day. Check in with them, and share the load:
          </p>
          <ul className="list-disc pl-6">
            {m.overCap.map((o) => (
              <li key={`${o.staffId}-${o.day.toISOString()}`}>
                {o.name}: {o.cases} cases on {o.day.toISOString().slice(0, 10)}
              </li>
            ))}
          </ul>
        </Callout>
      ) : null}
      <section aria-labelledby="backlog-title" className="space-y-2">
        <h2 id="backlog-title" className="text-xl font-bold">Open backlog</h2>
        <BacklogTable rows={m.backlog} />
      </section>
      <section aria-labelledby="durations-title" className="space-y-2">
        <h2 id="durations-title" className="text-xl font-bold">Response times</h2>
        <DurationTable
          caption={`From the first report, over the last ${m.windowDays} days`}
          rows={[
            { label: 'Time to first action', stats: m.firstAction },
            { label: 'Time to closure', stats: m.closure },
            { label: 'Time to suspension (first per case)', stats: m.response.suspension },
            { label: 'Time to referral approved (first per case and hotline)', stats: m.response.referralApproved },
            { label: 'Time to hotline acknowledgement (first per case and hotline)', stats: m.response.acknowledged },
          ]}
        />
      </section>
      <section aria-labelledby="referrals-title" className="space-y-2">
        <h2 id="referrals-title" className="text-xl font-bold">Outstanding referrals</h2>
        <p className="text-slate-700 dark:text-slate-300">
          Target: each required referral acknowledged by its hotline within {target} of the case&apos;s first report.{' '}
          {referrals.outstanding} outstanding, {referrals.pastTarget} past the target.{' '}
          <Link href="/console/obligations" className="font-medium text-blue-800 underline underline-offset-2 dark:text-sky-300">
            Referral obligations, oldest first
          </Link>
        </p>
        {referrals.pastTarget > 0 ? (
          <Callout tone="warning" title={`${referrals.pastTarget} ${referrals.pastTarget === 1 ? 'referral is' : 'referrals are'} past the target of ${target}`} titleId="referrals-warning">
            <p>Each is a hotline report the law or the hotline expects and has not received: work them oldest first.</p>
          </Callout>
        ) : null}
        <ReferralAgeTable ages={referrals} />
        <VolumeChart
          title="Outstanding referrals by age since the first report"
          data={referrals.buckets.map((b) => ({ label: b.label, outstanding: b.count }))}
          series={[{ key: 'outstanding', name: 'Outstanding referrals', color: '#b45309' }]}
        />
      </section>
      <section aria-labelledby="hourly-title" className="space-y-2">
        <h2 id="hourly-title" className="text-xl font-bold">Reports and new cases per hour (last {m.windowDays} days)</h2>
        <VolumeChart
          title="Reports and new cases per hour"
          data={hourly}
          series={[
            { key: 'reports', name: 'Reports', color: '#1d4ed8' },
            { key: 'cases', name: 'New cases', color: '#b45309' },
          ]}
        />
      </section>
      <section aria-labelledby="sla-title" className="space-y-2">
        <h2 id="sla-title" className="text-xl font-bold">SLA deadlines per day (last {m.windowDays} days)</h2>
        <VolumeChart
          title="Cases due and cases that missed their SLA, per day"
          data={daily}
          series={[
            { key: 'due', name: 'Due', color: '#475569' },
            { key: 'breached', name: 'Missed', color: '#b91c1c' },
          ]}
        />
      </section>
      <section aria-labelledby="throughput-title" className="space-y-2">
        <h2 id="throughput-title" className="text-xl font-bold">Per-moderator throughput and exposure</h2>
        <ThroughputTable rows={m.throughput} cap={m.exposureCap} />
      </section>
    </div>
  );
}
