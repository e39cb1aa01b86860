import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { selectRows } from '@/db/client';
import { loadReport } from './catalog';
import { columnAlias, type CompiledReport } from './columns';
import { baseQuery } from './report-rows';

/** One bar or point of a chart; `tone` colours a bar by what it means (NPS categories). */
export interface ChartPoint {
  label: string;
  value: number;
  tone?: 'positive' | 'neutral' | 'negative';
}

/** A headline figure shown with a chart: the workspace's NPS now and 30 days earlier. */
export interface ChartScore {
  label: string;
  /** -100 to 100, or null when nobody has answered. */
  value: number | null;
  /** The same figure as of `previousAsOf`, for the trend. */
  previous: number | null;
  previousAsOf: Date;
}

/** A report's main measure as plain data, ready for any chart library. */
export interface ReportChart {
  reportId: string;
  title: string;
  kind: 'bar' | 'line';
  xLabel: string;
  yLabel: string;
  points: ChartPoint[];
  score?: ChartScore;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ONBOARDING_BUCKETS = ['0%', '1-24%', '25-49%', '50-74%', '75-99%', '100%'];
const COURSE_BUCKETS = ['0', '1', '2', '3', '4', '5+'];
const NPS_TONES = { Promoter: 'positive', Passive: 'neutral', Detractor: 'negative' } as const;

/** A report column in the chart queries, found by its name so reordering a report's columns cannot break a chart. */
function column(compiled: CompiledReport, name: string) {
  const index = compiled.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`The report has no column "${name}" for its chart.`);
  return sql.raw(`r.${columnAlias(index)}`);
}

/** NPS: % promoters minus % detractors, rounded to a whole number; null without answers. */
export function netPromoterScore(counts: { promoters: number; passives: number; detractors: number }): number | null {
  const total = counts.promoters + counts.passives + counts.detractors;
  return total === 0 ? null : Math.round((100 * (counts.promoters - counts.detractors)) / total);
}

/**
 * The chart of a built-in report as of a time: logins per UTC day over the 30 days ending on asOf's date
 * (events after asOf left out), NPS category counts, onboarding completion-rate buckets, or end users by
 * courses completed. Custom reports have no chart (null). Every bucket is present, zero or not.
 */
export async function reportChart(db: Database, workspaceId: string, reportId: string, options: { asOf?: Date } = {}): Promise<ReportChart | null> {
  const asOf = options.asOf ?? new Date();
  const loaded = await loadReport(db, workspaceId, reportId);
  if (!loaded.definition.builtIn) return null;
  const compiled = loaded.compile(asOf);
  const countsOf = async (report: CompiledReport, bucket: ReturnType<typeof sql>) => {
    const rows = await selectRows<{ bucket: string | number; n: number | string }>(db,
      sql`select ${bucket} as bucket, count(*)::int as n from (${baseQuery(report, workspaceId)}) r group by 1`);
    return new Map(rows.map((r) => [String(r.bucket), Number(r.n)]));
  };
  const counts = (bucket: ReturnType<typeof sql>) => countsOf(compiled, bucket);
  const fill = (labels: string[], found: Map<string, number>) => labels.map((label) => ({ label, value: found.get(label) ?? 0 }));

  switch (reportId) {
    case 'logins-review': {
      const last = asOf.toISOString().slice(0, 10);
      const first = new Date(asOf.getTime() - 29 * DAY_MS).toISOString().slice(0, 10);
      // Days are UTC calendar days; `at time zone 'UTC'` keeps the session's time zone out of it.
      const rows = await selectRows<{ label: string; value: number | string }>(db, sql`
        with per_day as materialized (
          select e.day, sum(e.n)::int as n
          from insights_end_users eu
          -- Grouped per end user so the subquery cannot be flattened into a join: it stays one index range
          -- per end user whatever the planner's statistics say.
          cross join lateral (
            select (x.occurred_at at time zone 'UTC')::date as day, count(*) as n from insights_events x
            where x.workspace_id = ${workspaceId}::uuid and x.end_user_id = eu.id and x.type = 'login'
              and x.occurred_at >= (${first}::date::timestamp at time zone 'UTC') and x.occurred_at <= ${asOf.toISOString()}::timestamptz
            group by 1
          ) e
          where eu.workspace_id = ${workspaceId}::uuid
          group by 1
        )
        select to_char(d.day, 'YYYY-MM-DD') as label, coalesce(p.n, 0) as value
        from generate_series(${first}::date, ${last}::date, interval '1 day') as d(day)
        left join per_day p on p.day = d.day::date
        order by d.day`);
      return { reportId, title: 'Logins per day, last 30 days', kind: 'line', xLabel: 'Day (UTC)', yLabel: 'Logins', points: rows.map((r) => ({ label: r.label, value: Number(r.value) })) };
    }
    case 'nps': {
      const npsOf = async (report: CompiledReport) => {
        const found = await countsOf(report, column(report, 'NPS Category'));
        return netPromoterScore({ promoters: found.get('Promoter') ?? 0, passives: found.get('Passive') ?? 0, detractors: found.get('Detractor') ?? 0 });
      };
      const found = await countsOf(compiled, column(compiled, 'NPS Category'));
      const previousAsOf = new Date(asOf.getTime() - 30 * DAY_MS);
      const points = fill(['Promoter', 'Passive', 'Detractor'], found)
        .map((p) => ({ ...p, tone: NPS_TONES[p.label as keyof typeof NPS_TONES] }));
      const value = netPromoterScore({ promoters: points[0].value, passives: points[1].value, detractors: points[2].value });
      return {
        reportId, title: 'End users by NPS category', kind: 'bar', xLabel: 'NPS Category', yLabel: 'End users', points,
        score: { label: 'NPS', value, previous: await npsOf(loaded.compile(previousAsOf)), previousAsOf },
      };
    }
    case 'onboarding-completion-rate': {
      const rate = column(compiled, 'Onboarding Completion Rate (%)');
      const bucket = sql`case when ${rate} <= 0 then '0%' when ${rate} < 25 then '1-24%' when ${rate} < 50 then '25-49%'
        when ${rate} < 75 then '50-74%' when ${rate} < 100 then '75-99%' else '100%' end`;
      return { reportId, title: 'End users by onboarding completion rate', kind: 'bar', xLabel: 'Onboarding Completion Rate (%)', yLabel: 'End users', points: fill(ONBOARDING_BUCKETS, await counts(bucket)) };
    }
    case 'teachme':
      return { reportId, title: 'End users by courses completed', kind: 'bar', xLabel: 'Courses Completed', yLabel: 'End users', points: fill(COURSE_BUCKETS, await counts(sql`case when ${column(compiled, 'Courses Completed')} >= 5 then '5+' else ${column(compiled, 'Courses Completed')}::text end`)) };
    default:
      return null;
  }
}
