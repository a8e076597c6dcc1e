'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartPoint = { label: string } & Record<string, number | string>;
export type ChartSeries = { key: string; name: string; color: string };

/**
 * A bar chart drawn as inline SVG by recharts (nothing is fetched; fits the CSP). The same numbers
 * are in the table beside each chart for screen readers and for copying.
 */
export function VolumeChart({ data, series, title }: { data: ChartPoint[]; series: ChartSeries[]; title: string }) {
  return (
    <figure className="h-72 w-full" aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
