'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@/lib/format';

const tickNumber = (value: number) => formatNumber(value);
const tooltipNumber = (value: unknown) => (typeof value === 'number' ? formatNumber(value) : String(value));

/** One run as the trend chart plots it. */
export interface RunPoint {
  label: string;
  updated: number;
  rejected: number;
  runtimeSeconds: number;
}

/** The last runs at a glance: records updated and rejected (bars), runtime (line, right axis). Drawn whole, not animated. */
export function RunsChart({ points }: { points: RunPoint[] }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">Last {points.length} {points.length === 1 ? 'run' : 'runs'}: records updated, rejected and runtime</figcaption>
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis yAxisId="records" allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={tickNumber} width={48} />
            <YAxis yAxisId="seconds" orientation="right" tick={{ fontSize: 11 }} unit=" s" />
            <Tooltip formatter={tooltipNumber} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="records" dataKey="updated" name="Records updated" fill="#1f6feb" maxBarSize={32} isAnimationActive={false} />
            <Bar yAxisId="records" dataKey="rejected" name="Rejected" fill="#dc2626" maxBarSize={32} isAnimationActive={false} />
            <Line yAxisId="seconds" type="monotone" dataKey="runtimeSeconds" name="Runtime (s)" stroke="#0f766e" dot isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {/* The same numbers as a table, for screen readers. */}
      <table className="sr-only">
        <caption>Last runs: records updated, rejected and runtime</caption>
        <thead><tr><th scope="col">Run</th><th scope="col">Records updated</th><th scope="col">Rejected</th><th scope="col">Runtime (s)</th></tr></thead>
        <tbody>{points.map((p) => <tr key={p.label}><th scope="row">{p.label}</th><td>{formatNumber(p.updated)}</td><td>{formatNumber(p.rejected)}</td><td>{p.runtimeSeconds}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
