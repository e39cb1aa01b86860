import { sql, type SQL } from 'drizzle-orm';
import type { WorkspaceSettings } from '@/db/schema';
import { AVERAGE_DECIMALS, type CompiledReport, type ReportColumn, type ReportContext } from './columns';

/** The tag that makes a report available to the Salesforce integration wizard. */
export const SALESFORCE_TAG = 'integrations_salesforce';

/** Ids of the built-in reports (custom reports use uuids, so the two never collide). */
export const BUILT_IN_REPORT_IDS = ['logins-review', 'nps', 'onboarding-completion-rate', 'teachme'] as const;
export type BuiltInReportId = (typeof BUILT_IN_REPORT_IDS)[number];

/** A built-in report: fixed columns and a SQL builder. */
export interface BuiltInReport {
  id: BuiltInReportId;
  name: string;
  description: string;
  defaultTags: string[];
  keyColumn: string;
  columns: ReportColumn[];
  /** Whether the workspace offers the report at all. */
  enabled(settings: WorkspaceSettings): boolean;
  compile(ctx: ReportContext): CompiledReport;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Length of the "last 30 days" window; the window is (asOf − 30 days, asOf]. */
export const LOGIN_WINDOW_DAYS = 30;

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Events of one type for the end user `eu`, up to asOf: the common core of every per-user metric. */
function userEvents(ctx: ReportContext, type: string): SQL {
  return sql`e.workspace_id = ${ctx.workspaceId}::uuid and e.end_user_id = eu.id and e.type = ${type} and e.occurred_at <= ${ts(ctx.asOf)}`;
}

/** A JSON property as a number, or null when it is not a JSON number (so old or odd data never breaks a report). */
export function numericProperty(name: string): SQL {
  return sql`(case when jsonb_typeof(e.properties -> ${name}::text) = 'number' then (e.properties ->> ${name}::text)::float8 end)`;
}

const userIdAndEmail: ReportColumn[] = [{ name: 'User ID', type: 'string' }, { name: 'Email', type: 'email' }];

// Rows: end users with at least one login at or before asOf.
const loginsReview: BuiltInReport = {
  id: 'logins-review',
  name: 'Logins Review',
  description: 'First and last login and the number of logins in the last 30 days, per end user who has logged in.',
  defaultTags: [SALESFORCE_TAG],
  keyColumn: 'User ID',
  columns: [...userIdAndEmail, { name: 'First Login', type: 'datetime' }, { name: 'Last Login', type: 'datetime' },
    { name: '# Logins Last 30 Days', type: 'integer' }],
  enabled: () => true,
  compile(ctx) {
    const since = new Date(ctx.asOf.getTime() - LOGIN_WINDOW_DAYS * DAY_MS);
    return {
      columns: this.columns,
      select: sql`eu.user_id as c0, eu.email as c1, l.first_at as c2, l.last_at as c3, l.recent as c4`,
      joins: sql`cross join lateral (
        select min(e.occurred_at) as first_at, max(e.occurred_at) as last_at,
          (count(*) filter (where e.occurred_at > ${ts(since)}))::int as recent,
          min(e.occurred_at) filter (where e.occurred_at > ${ts(since)}) as window_first
        from insights_events e where ${userEvents(ctx, 'login')}
      ) l`,
      where: sql`eu.first_seen_at <= ${ts(ctx.asOf)} and l.first_at is not null`,
      members: sql`eu.first_seen_at <= ${ts(ctx.asOf)} and exists (select 1 from insights_events e where ${userEvents(ctx, 'login')})`,
      // The count drops when the oldest login in the window leaves it.
      validUntil: sql`l.window_first + ${LOGIN_WINDOW_DAYS} * interval '1 day'`,
    };
  },
};

// Rows: end users with at least one NPS answer at or before asOf. The latest answer is the one with the
// latest timestamp; equal timestamps fall back to arrival order (the later-stored event wins).
const nps: BuiltInReport = {
  id: 'nps',
  name: 'NPS',
  description: 'Latest NPS answer (0-10) and its category per end user who has answered.',
  defaultTags: [SALESFORCE_TAG],
  keyColumn: 'User ID',
  columns: [...userIdAndEmail, { name: 'NPS Score', type: 'integer' }, { name: 'NPS Category', type: 'string' },
    { name: 'Last NPS Response', type: 'datetime' }, { name: 'NPS Responses', type: 'integer' }],
  enabled: () => true,
  compile(ctx) {
    return {
      columns: this.columns,
      select: sql`eu.user_id as c0, eu.email as c1, latest.score as c2,
        case when latest.score >= 9 then 'Promoter' when latest.score >= 7 then 'Passive'
             when latest.score >= 0 then 'Detractor' end as c3,
        latest.at as c4, s.answers as c5`,
      joins: sql`cross join lateral (
        select count(*)::int as answers from insights_events e where ${userEvents(ctx, 'nps')}
      ) s
      left join lateral (
        select round(${numericProperty('score')})::int as score, e.occurred_at as at
        from insights_events e where ${userEvents(ctx, 'nps')}
        order by e.occurred_at desc, e.id desc limit 1
      ) latest on true`,
      where: sql`eu.first_seen_at <= ${ts(ctx.asOf)} and s.answers > 0`,
      members: sql`eu.first_seen_at <= ${ts(ctx.asOf)} and exists (select 1 from insights_events e where ${userEvents(ctx, 'nps')})`,
    };
  },
};

/** The workspace's onboarding task list without blanks or repeats, in its own order. */
export function onboardingTaskList(settings: WorkspaceSettings): string[] {
  return [...new Set(settings.onboardingTasks.map((t) => t.trim()).filter((t) => t.length > 0))];
}

// Rows: every end user seen at or before asOf, once the workspace lists onboarding tasks (none otherwise,
// since a rate over zero tasks means nothing). Tasks not in the list are ignored.
const onboarding: BuiltInReport = {
  id: 'onboarding-completion-rate',
  name: 'Onboarding Completion Rate',
  description: 'Share of the workspace\'s onboarding tasks each end user has completed, and when they finished. Every end user; empty until onboarding tasks are set in Settings.',
  defaultTags: [SALESFORCE_TAG],
  keyColumn: 'User ID',
  columns: [...userIdAndEmail, { name: 'Onboarding Tasks Completed', type: 'integer' },
    { name: 'Onboarding Tasks Total', type: 'integer' }, { name: 'Onboarding Completion Rate (%)', type: 'percent', decimals: AVERAGE_DECIMALS },
    { name: 'Onboarding Completed', type: 'boolean' }, { name: 'Onboarding Completed At', type: 'datetime' }],
  enabled: () => true,
  compile(ctx) {
    const tasks = onboardingTaskList(ctx.settings);
    if (tasks.length === 0) {
      return { columns: this.columns, select: sql`eu.user_id as c0, eu.email as c1, 0 as c2, 0 as c3, 0::float8 as c4, false as c5, null::timestamptz as c6`, joins: sql``, where: sql`false`, members: sql`false` };
    }
    const total = tasks.length;
    const list = sql.join(tasks.map((t) => sql`${t}::text`), sql`, `);
    return {
      columns: this.columns,
      select: sql`eu.user_id as c0, eu.email as c1, o.done as c2, ${total}::int as c3,
        round(100.0 * o.done / ${total}::int, 2)::float8 as c4, o.done >= ${total}::int as c5,
        case when o.done >= ${total}::int then o.last_first_at end as c6`,
      // Completed at = the moment the last required task was first completed: max over tasks of min time.
      joins: sql`cross join lateral (
        select count(*)::int as done, max(t.first_at) as last_first_at from (
          select e.properties ->> 'taskId' as task, min(e.occurred_at) as first_at
          from insights_events e
          where ${userEvents(ctx, 'onboarding_task')} and e.properties ->> 'taskId' in (${list})
          group by 1
        ) t
      ) o`,
      where: sql`eu.first_seen_at <= ${ts(ctx.asOf)}`,
      members: sql`eu.first_seen_at <= ${ts(ctx.asOf)}`,
    };
  },
};

// Rows: end users with at least one course_progress event at or before asOf. Per course: progress is the
// latest reported value by timestamp; the course counts as completed once any event says completed=true or
// reports progress 100, even if a later event shows less (a re-opened course stays completed).
const teachMe: BuiltInReport = {
  id: 'teachme',
  name: 'TeachMe',
  description: 'Courses started and completed and average progress per end user with course activity.',
  defaultTags: [SALESFORCE_TAG],
  keyColumn: 'User ID',
  columns: [...userIdAndEmail, { name: 'Courses Started', type: 'integer' }, { name: 'Courses Completed', type: 'integer' },
    { name: 'Average Course Progress (%)', type: 'percent', decimals: AVERAGE_DECIMALS }, { name: 'Last Course Activity', type: 'datetime' }],
  enabled: (settings) => settings.teachMeEnabled,
  compile(ctx) {
    const progress = numericProperty('progress');
    return {
      columns: this.columns,
      select: sql`eu.user_id as c0, eu.email as c1, t.started as c2, t.completed as c3, t.avg_progress as c4, t.last_at as c5`,
      joins: sql`cross join lateral (
        select count(*)::int as started, (count(*) filter (where c.completed))::int as completed,
          round(avg(c.latest_progress)::numeric, 2)::float8 as avg_progress, max(c.last_at) as last_at
        from (
          select e.properties ->> 'courseId' as course,
            bool_or(e.properties -> 'completed' = 'true'::jsonb or coalesce(${progress} >= 100, false)) as completed,
            (array_agg(${progress} order by e.occurred_at desc, e.id desc))[1] as latest_progress,
            max(e.occurred_at) as last_at
          from insights_events e where ${userEvents(ctx, 'course_progress')}
          group by 1
        ) c
      ) t`,
      where: sql`eu.first_seen_at <= ${ts(ctx.asOf)} and t.started > 0`,
      members: sql`eu.first_seen_at <= ${ts(ctx.asOf)} and exists (select 1 from insights_events e where ${userEvents(ctx, 'course_progress')})`,
    };
  },
};

/** All built-in reports in catalog order. */
export const BUILT_IN_REPORTS: readonly BuiltInReport[] = [loginsReview, nps, onboarding, teachMe];

/** The built-in report with this id, if any. */
export function findBuiltInReport(id: string): BuiltInReport | undefined {
  return BUILT_IN_REPORTS.find((r) => r.id === id);
}
