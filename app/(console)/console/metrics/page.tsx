import type { Metadata } from 'next';
import { BacklogTable, DurationTable, ThroughputTable } from '@/components/metrics/metrics-tables';
import { VolumeChart } from '@/components/metrics/volume-chart';
import { Callout } from '@/components/ui/callout';
import { requirePageRole } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { getMetrics } from '@/lib/metrics/get-metrics';

export const metadata: Metadata = { title: 'Metrics' };
export const dynamic = 'force-dynamic';

const hourLabel = (d: Date) => `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 13)}:00`;

export default async function MetricsPage() {
  const staff = await requirePageRole('supervisor', '/console/metrics');
  const m = await getMetrics({ actor: staff, exposureCap: getConfig().EXPOSURE_CAP_PER_DAY });
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
        <DurationTable firstAction={m.firstAction} closure={m.closure} windowDays={m.windowDays} />
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
