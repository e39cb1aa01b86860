'use client';

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportChart } from '@/lib/insights/charts';

/** The report's main measure as a line (per day) or bar (per bucket) chart. */
export function ReportChartView({ chart }: { chart: ReportChart }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{chart.title}</figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {chart.kind === 'line' ? (
            <LineChart data={chart.points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Line type="monotone" dataKey="value" name={chart.yLabel} stroke="#2563eb" dot={false} />
            </LineChart>
          ) : (
            <BarChart data={chart.points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Bar dataKey="value" name={chart.yLabel} fill="#2563eb" />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      {/* The same numbers as text, for screen readers and for copying. */}
      <table className="sr-only">
        <caption>{chart.title}</caption>
        <tbody>{chart.points.map((p) => <tr key={p.label}><th scope="row">{p.label}</th><td>{p.value}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
