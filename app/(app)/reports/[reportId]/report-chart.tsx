'use client';

import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@/lib/format';
import type { ChartPoint, ChartScore, ReportChart } from '@/lib/insights/charts';

const BAR = '#2563eb';
const TONE_COLOURS: Record<NonNullable<ChartPoint['tone']>, string> = { positive: '#16a34a', neutral: '#f59e0b', negative: '#dc2626' };

/** The headline figure (the workspace's NPS) and how it moved since 30 days earlier. */
function Score({ score }: { score: ChartScore }) {
  const since = score.previousAsOf.toISOString().slice(0, 10);
  const change = score.value !== null && score.previous !== null ? score.value - score.previous : null;
  const trend = change === null ? `no answers by ${since} to compare with`
    : change === 0 ? `unchanged since ${since}`
      : `${change > 0 ? '▲ up' : '▼ down'} ${Math.abs(change)} ${Math.abs(change) === 1 ? 'point' : 'points'} since ${since} (${score.previous})`;
  return (
    <div className="text-right" data-testid="chart-score">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{score.label}</p>
      <p className="text-3xl font-semibold text-slate-900">{score.value === null ? '—' : score.value}</p>
      <p className={`text-xs ${change === null || change === 0 ? 'text-slate-500' : change > 0 ? 'text-green-700' : 'text-red-700'}`}>{trend}</p>
    </div>
  );
}

const tickNumber = (value: number) => formatNumber(value);
const tooltipNumber = (value: unknown) => (typeof value === 'number' ? formatNumber(value) : String(value));

/** The report's main measure as a line (per day) or bar (per bucket) chart. */
export function ReportChartView({ chart }: { chart: ReportChart }) {
  const lastDay = chart.kind === 'line' ? chart.points.at(-1)?.label : undefined;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex items-start justify-between gap-4">
        <figcaption className="text-sm font-semibold text-slate-800">
          {chart.title}
          {lastDay ? <span className="mt-1 block text-xs font-normal text-slate-500">Days in UTC; the last one, {lastDay}, is today so far.</span> : null}
          {chart.score ? <span className="mt-1 block text-xs font-normal text-slate-500">NPS is the share of promoters (9-10) minus the share of detractors (0-6), from each end user&apos;s latest answer.</span> : null}
        </figcaption>
        {chart.score ? <Score score={chart.score} /> : null}
      </div>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {chart.kind === 'line' ? (
            <LineChart data={chart.points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              {/* The first and the last day always get a tick, so the axis shows where the line ends. */}
              <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={tickNumber} width={48} />
              <Tooltip formatter={tooltipNumber} />
              {/* Not animated: the line is drawn whole at once, so no moment (or screenshot) shows it stopping short of the last day. */}
              <Line type="monotone" dataKey="value" name={chart.yLabel} stroke="#2563eb" dot={false} isAnimationActive={false} />
            </LineChart>
          ) : (
            <BarChart data={chart.points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={tickNumber} width={48} />
              <Tooltip formatter={tooltipNumber} />
              <Bar dataKey="value" name={chart.yLabel} fill={BAR} isAnimationActive={false}>
                {chart.points.map((p) => <Cell key={p.label} fill={p.tone ? TONE_COLOURS[p.tone] : BAR} />)}
              </Bar>
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      {/* The same numbers as text, for screen readers and for copying. */}
      <table className="sr-only" data-testid="chart-data">
        <caption>{chart.title}</caption>
        <tbody>{chart.points.map((p) => <tr key={p.label}><th scope="row">{p.label}</th><td>{formatNumber(p.value)}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
