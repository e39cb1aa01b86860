import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { selectRows } from '../client';

/** One event to store; the end user is created or updated from `userId` and `email`. */
export interface EventToStore {
  clientId: string | null;
  userId: string;
  email: string | null;
  type: string;
  /** ISO-8601 with a time zone. */
  timestamp: string;
  properties: Record<string, unknown>;
}

/**
 * Stores a batch in one statement: end users are upserted (email replaced only when the batch gives one,
 * first/last seen widened), then events are inserted, skipping any whose client id the workspace already
 * has. The caller removes duplicates inside the batch first. Returns how many events were written.
 */
export async function insertEventBatch(db: Database, workspaceId: string, events: EventToStore[]): Promise<number> {
  if (events.length === 0) return 0;
  // The whole batch travels as one JSON parameter: one round trip, no parameter-count limit, and the same
  // text on PGlite and PostgreSQL.
  const payload = JSON.stringify(events.map((e, n) => ({
    n, u: e.userId, m: e.email, y: e.type, o: e.timestamp, p: e.properties, c: e.clientId,
  })));
  const [row] = await selectRows<{ inserted: number | string }>(db, sql`
    with input as (
      select * from jsonb_to_recordset(${payload}::jsonb)
        as t(n int, u text, m text, y text, o timestamptz, p jsonb, c text)
    ),
    people as (
      select u,
        (array_agg(m order by n desc) filter (where m is not null))[1] as m,
        min(o) as first_at, max(o) as last_at
      from input group by u
    ),
    upserted as (
      insert into insights_end_users (workspace_id, user_id, email, first_seen_at, last_seen_at)
      -- A fixed order makes concurrent batches lock shared end users in the same order (no deadlock).
      select ${workspaceId}::uuid, u, m, first_at, last_at from people order by u
      on conflict (workspace_id, user_id) do update set
        email = coalesce(excluded.email, insights_end_users.email),
        first_seen_at = least(insights_end_users.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(insights_end_users.last_seen_at, excluded.last_seen_at),
        changed_xid = pg_current_xact_id()
      returning id, user_id
    ),
    inserted as (
      insert into insights_events (workspace_id, end_user_id, type, occurred_at, properties, client_id)
      -- Arrival order becomes id order, the tie-break for events with equal timestamps.
      select ${workspaceId}::uuid, up.id, i.y, i.o, coalesce(i.p, '{}'::jsonb), i.c
      from input i join upserted up on up.user_id = i.u
      order by i.n
      on conflict (workspace_id, client_id) do nothing
      returning 1
    )
    select count(*)::int as inserted from inserted
  `);
  return Number(row.inserted);
}

/**
 * Removes the events whose client id starts with `clientIdPrefix`, then the end users left with no event:
 * what undoes a bulk load that failed part way. The end users who keep other events are marked changed.
 */
export async function deleteEventsByClientIdPrefix(db: Database, workspaceId: string, clientIdPrefix: string): Promise<void> {
  await db.execute(sql`
    with removed as (
      delete from insights_events where workspace_id = ${workspaceId}::uuid and starts_with(client_id, ${clientIdPrefix})
      returning end_user_id
    )
    update insights_end_users u set changed_xid = pg_current_xact_id()
    where u.workspace_id = ${workspaceId}::uuid and u.id in (select end_user_id from removed)`);
  await db.execute(sql`
    delete from insights_end_users u where u.workspace_id = ${workspaceId}::uuid
      and not exists (select 1 from insights_events e where e.workspace_id = u.workspace_id and e.end_user_id = u.id)`);
}

/** How many end users a workspace has. */
export async function countEndUsers(db: Database, workspaceId: string): Promise<number> {
  const [row] = await selectRows<{ n: number | string }>(db, sql`select count(*)::int as n from insights_end_users where workspace_id = ${workspaceId}::uuid`);
  return Number(row.n);
}

/** How many events a workspace has. */
export async function countEvents(db: Database, workspaceId: string): Promise<number> {
  const [row] = await selectRows<{ n: number | string }>(db, sql`select count(*)::int as n from insights_events where workspace_id = ${workspaceId}::uuid`);
  return Number(row.n);
}
