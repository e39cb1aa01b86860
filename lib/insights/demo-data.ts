import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { countEndUsers, deleteEventsByClientIdPrefix } from '@/db/queries/insights-events';
import { getWorkspace, updateWorkspaceSettings } from '@/db/queries/workspaces';
import { demoPeople, seededRandom, type DemoPerson } from '@/lib/demo/people';
import { logger } from '@/lib/log';
import { storeValidEvents, validateEvents } from './ingest';

/** The onboarding checklist the demo events complete; set on the workspace when it has none. */
export const DEMO_ONBOARDING_TASKS = ['create_profile', 'connect_data_source', 'invite_teammate', 'build_first_report', 'schedule_sync'];
const DEMO_COURSES = ['getting-started', 'advanced-reports', 'admin-essentials', 'salesforce-sync'];
const DEMO_CUSTOM_TYPES = ['report_exported', 'feature_used'];
const DEMO_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A demo event in the ingestion API's JSON shape. */
export interface DemoEvent {
  id: string;
  userId: string;
  email: string;
  type: string;
  timestamp: string;
  properties?: Record<string, unknown>;
}

/**
 * The demo events of one person over the 90 days before `now`: logins at a personal rhythm (some people
 * have gone quiet lately), NPS answers with re-answers, onboarding tasks (sometimes one outside the
 * checklist), course progress and a few custom events. Seeded by the person, so identical everywhere.
 */
export function demoEventsFor(person: DemoPerson, now: Date): DemoEvent[] {
  const rnd = seededRandom(person.index * 104729 + 7);
  const start = now.getTime() - DEMO_DAYS * DAY_MS;
  const events: DemoEvent[] = [];
  const at = (ms: number) => new Date(Math.min(ms, now.getTime())).toISOString();
  const add = (type: string, ms: number, properties?: Record<string, unknown>) => {
    events.push({ id: `demo-${person.userId}-${events.length}`, userId: person.userId, email: person.email, type, timestamp: at(ms), properties });
  };
  const joinedDay = Math.floor(rnd() * 60);
  const joined = start + joinedDay * DAY_MS + rnd() * DAY_MS;
  // Roughly one person in six stops logging in for the last month or more: the churn signal.
  const activeUntil = rnd() < 0.17 ? now.getTime() - (30 + rnd() * 30) * DAY_MS : now.getTime();
  const loginsPerDay = 0.2 + rnd() * 0.9;
  for (let day = joinedDay; day < DEMO_DAYS; day++) {
    const dayStart = start + day * DAY_MS;
    if (dayStart > activeUntil) break;
    let n = Math.floor(loginsPerDay + rnd());
    while (n-- > 0) add('login', Math.max(joined, dayStart + rnd() * DAY_MS));
  }
  const span = () => Math.max(DAY_MS, Math.min(activeUntil, now.getTime()) - joined);
  if (rnd() < 0.65) {
    const answers = rnd() < 0.25 ? 2 : 1;
    let score = Math.min(10, Math.floor(rnd() * 11 + (rnd() < 0.5 ? 2 : 0)));
    for (let i = 0; i < answers; i++) {
      add('nps', joined + span() * ((i + rnd()) / answers), { score });
      score = Math.max(0, Math.min(10, score + Math.round((rnd() - 0.4) * 4)));
    }
  }
  const tasksDone = Math.floor(rnd() * (DEMO_ONBOARDING_TASKS.length + 2));
  let taskTime = joined;
  for (const taskId of DEMO_ONBOARDING_TASKS.slice(0, tasksDone)) {
    taskTime += rnd() * 5 * DAY_MS;
    add('onboarding_task', taskTime, { taskId });
  }
  if (rnd() < 0.2) add('onboarding_task', joined + rnd() * span(), { taskId: 'watch_intro_video' });
  if (rnd() < 0.55) {
    for (const courseId of DEMO_COURSES.filter(() => rnd() < 0.5)) {
      let progress = 0;
      let time = joined + rnd() * span() * 0.5;
      while (progress < 100 && time < now.getTime() && rnd() < 0.85) {
        progress = Math.min(100, progress + 10 + Math.floor(rnd() * 30));
        add('course_progress', time, { courseId, progress, completed: progress === 100 });
        time += rnd() * 6 * DAY_MS;
      }
    }
  }
  for (const type of DEMO_CUSTOM_TYPES) {
    const n = Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) add(type, joined + rnd() * span(), { feature: DEMO_COURSES[i % DEMO_COURSES.length], rows: Math.floor(rnd() * 500) });
  }
  return events;
}

/** All demo events (about 100,000 for the 2,000 demo people), person by person. */
export function* demoEvents(now: Date, people: DemoPerson[] = demoPeople()): Generator<DemoEvent> {
  for (const person of people) yield* demoEventsFor(person, now);
}

/**
 * Events per statement. Each batch is its own transaction, so other work (a sign-in right after first-run
 * setup, on PGlite's one connection) waits for one batch at most, not for the whole load.
 */
const DEMO_BATCH = 2000;
/** Every demo event's client id starts with this (see demoEventsFor). */
const DEMO_ID_PREFIX = 'demo-';

function* batchesOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) { yield batch; batch = []; }
  }
  if (batch.length > 0) yield batch;
}

/** Validates and stores one batch of demo events through the normal insert path; returns how many were stored. */
async function storeDemoBatch(db: Database, workspaceId: string, batch: DemoEvent[], now: Date): Promise<number> {
  const { valid, rejected } = validateEvents(batch, now);
  if (rejected.length > 0) throw new Error(`demo event rejected: ${rejected[0].message}`);
  return (await storeValidEvents(db, workspaceId, valid)).accepted;
}

/**
 * Loads the demo data into a workspace that has no end users yet, once, in batches of their own
 * transactions. The first batch is written in the transaction that checks the workspace is empty, under an
 * advisory lock: a concurrent caller waits for it, then finds end users and leaves. If a later batch fails,
 * the demo events loaded so far are removed again, so a retry starts from an empty workspace (a process that
 * dies mid-load leaves what it loaded: the job's retry then finds end users and leaves them). Also gives the
 * workspace the demo onboarding checklist when it has none, so the Onboarding report has something to measure.
 */
export async function loadDemoDataIfEmpty(
  db: Database, workspaceId: string, now: Date = new Date(), options: { people?: DemoPerson[]; batchSize?: number } = {},
): Promise<{ loaded: boolean; events: number }> {
  const started = Date.now();
  const batches = batchesOf(demoEvents(now, options.people), options.batchSize ?? DEMO_BATCH);
  const first = batches.next();
  const claimed = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`insights-demo:${workspaceId}`}))`);
    const txDb = tx as unknown as Database;
    if ((await countEndUsers(txDb, workspaceId)) > 0) return null;
    return first.done ? 0 : storeDemoBatch(txDb, workspaceId, first.value, now);
  });
  if (claimed === null) return { loaded: false, events: 0 };
  let events = claimed;
  try {
    // Queries that arrived during a batch are queued before the next one (PGlite's connection serves in turn).
    for (const batch of batches) {
      events += await storeDemoBatch(db, workspaceId, batch, now);
    }
  } catch (error) {
    await deleteEventsByClientIdPrefix(db, workspaceId, DEMO_ID_PREFIX);
    throw error;
  }
  // PGlite has no autovacuum: without fresh statistics after a bulk load the planner guesses badly.
  await db.execute(sql`analyze insights_end_users`);
  await db.execute(sql`analyze insights_events`);
  const workspace = await getWorkspace(db, workspaceId);
  if (workspace && !(workspace.settings.onboardingTasks?.length)) {
    await updateWorkspaceSettings(db, workspaceId, { ...workspace.settings, onboardingTasks: DEMO_ONBOARDING_TASKS });
  }
  logger.info({ workspaceId, events, ms: Date.now() - started }, 'insights demo data loaded');
  return { loaded: true, events };
}
