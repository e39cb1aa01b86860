import { sql, type SQL } from 'drizzle-orm';
import { numericProperty } from './builtin-reports';
import { AVERAGE_DECIMALS, columnAlias, type CompiledReport, type ReportContext } from './columns';
import { customReportColumn, type CustomColumn, type CustomReportDefinition } from './custom-report-schema';

const DAY_MS = 24 * 60 * 60 * 1000;
const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

// Aggregate names come from this fixed map, never from the definition's text.
const AGGREGATES = { sum: sql.raw('sum'), min: sql.raw('min'), max: sql.raw('max') } as const;

/**
 * Compiles a validated custom definition to SQL. Every value from the user (event types, property names,
 * day counts) is a bound parameter; labels never reach SQL (columns are aliased c0..cN). Rows: every end
 * user seen at or before asOf. Metrics are scalar subqueries per end user, each one index range.
 */
export function compileCustomReport(definition: CustomReportDefinition, ctx: ReportContext): CompiledReport {
  const parts = definition.columns.map((column, i) => sql`${columnExpression(column, ctx)} as ${sql.raw(columnAlias(i))}`);
  const windows = definition.columns.flatMap((column) => (column.kind === 'count' && column.lastDays !== undefined ? [windowExit(column.eventType, column.lastDays, ctx)] : []));
  return {
    columns: definition.columns.map(customReportColumn),
    select: sql.join(parts, sql`, `),
    joins: sql``,
    where: sql`eu.first_seen_at <= ${ts(ctx.asOf)}`,
    members: sql`eu.first_seen_at <= ${ts(ctx.asOf)}`,
    validUntil: windows.length === 0 ? undefined : windows.length === 1 ? windows[0] : sql`least(${sql.join(windows, sql`, `)})`,
  };
}

/** When the oldest event of a "last N days" count leaves its window (null: the window is empty). */
function windowExit(eventType: string, days: number, ctx: ReportContext): SQL {
  return sql`((select min(e.occurred_at) ${eventsOf(ctx, eventType)} and e.occurred_at > ${ts(new Date(ctx.asOf.getTime() - days * DAY_MS))}) + ${days}::int * interval '1 day')`;
}

function eventsOf(ctx: ReportContext, type: string): SQL {
  return sql`from insights_events e where e.workspace_id = ${ctx.workspaceId}::uuid and e.end_user_id = eu.id
    and e.type = ${type}::text and e.occurred_at <= ${ts(ctx.asOf)}`;
}

function columnExpression(column: CustomColumn, ctx: ReportContext): SQL {
  switch (column.kind) {
    case 'field':
      switch (column.field) {
        case 'userId': return sql`eu.user_id`;
        case 'email': return sql`eu.email`;
        case 'firstSeen': return sql`eu.first_seen_at`;
        // The stored value may come from events after asOf; only then is it recomputed.
        case 'lastSeen': return sql`(case when eu.last_seen_at <= ${ts(ctx.asOf)} then eu.last_seen_at else (
          select max(e.occurred_at) from insights_events e where e.workspace_id = ${ctx.workspaceId}::uuid
            and e.end_user_id = eu.id and e.occurred_at <= ${ts(ctx.asOf)}) end)`;
      }
      break;
    case 'count': {
      const window = column.lastDays === undefined ? sql``
        : sql` and e.occurred_at > ${ts(new Date(ctx.asOf.getTime() - column.lastDays * DAY_MS))}`;
      return sql`(select count(*)::int ${eventsOf(ctx, column.eventType)}${window})`;
    }
    case 'firstTime':
      return sql`(select min(e.occurred_at) ${eventsOf(ctx, column.eventType)})`;
    case 'lastTime':
      return sql`(select max(e.occurred_at) ${eventsOf(ctx, column.eventType)})`;
    case 'latestValue':
      return sql`(select e.properties ->> ${column.property}::text ${eventsOf(ctx, column.eventType)}
        and e.properties ? ${column.property}::text order by e.occurred_at desc, e.id desc limit 1)`;
    // In numeric, not float8, so a sum of 0.1 and 0.2 is 0.3; an average is rounded to its column's decimals.
    case 'avg':
      return sql`(select round(avg(${numericProperty(column.property)}::numeric), ${AVERAGE_DECIMALS}::int)::float8 ${eventsOf(ctx, column.eventType)})`;
    case 'sum':
    case 'min':
    case 'max':
      return sql`(select ${AGGREGATES[column.kind]}(${numericProperty(column.property)}::numeric)::float8 ${eventsOf(ctx, column.eventType)})`;
  }
}
