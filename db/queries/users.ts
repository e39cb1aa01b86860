import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { memberships, NO_PASSWORD_YET, passwordLinks, users, type Role } from '../schema';

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  passwordSet: sql<boolean>`(${users.passwordHash} <> ${NO_PASSWORD_YET})`.mapWith(Boolean),
  // At most one unused link per user (a new one replaces the older), so this is the link the person holds.
  linkExpiresAt: sql<Date | null>`(select max(${passwordLinks.expiresAt}) from ${passwordLinks}
    where ${passwordLinks.userId} = ${users.id} and ${passwordLinks.workspaceId} = ${memberships.workspaceId} and ${passwordLinks.usedAt} is null)`
    .mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
};

/**
 * A user as seen inside one workspace. `passwordSet` is false for an invited user who has not set one yet;
 * `linkExpiresAt` is the expiry of their unused invitation or reset link, if they hold one (expired or not).
 */
export type Member = {
  id: string; email: string; name: string; role: Role; disabledAt: Date | null; createdAt: Date;
  passwordSet: boolean; linkExpiresAt: Date | null;
};

export async function findUserByEmail(db: Database, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

/** The user with their workspace and role, for sign-in and for checking a session. */
export async function findUserWithMembership(db: Database, userId: string) {
  const [row] = await db
    .select({ user: users, workspaceId: memberships.workspaceId, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export async function listMembers(db: Database, workspaceId: string): Promise<Member[]> {
  return db.select(memberColumns).from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.createdAt));
}

export async function getMember(db: Database, workspaceId: string, userId: string): Promise<Member | null> {
  const [row] = await db.select(memberColumns).from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(users.id, userId)));
  return row ?? null;
}

/** Adds a new user to a workspace. Returns null when the email is already taken (in any workspace). */
export async function addMember(
  db: Database,
  input: { workspaceId: string; email: string; name: string; passwordHash: string; role: Role },
): Promise<Member | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users)
      .values({ email: input.email, name: input.name, passwordHash: input.passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!user) return null;
    await tx.insert(memberships).values({ workspaceId: input.workspaceId, userId: user.id, role: input.role });
    return {
      id: user.id, email: user.email, name: user.name, role: input.role, disabledAt: null, createdAt: user.createdAt,
      passwordSet: user.passwordHash !== NO_PASSWORD_YET, linkExpiresAt: null,
    };
  });
}

function inWorkspace(workspaceId: string) {
  return sql`${users.id} in (select ${memberships.userId} from ${memberships} where ${memberships.workspaceId} = ${workspaceId})`;
}

export async function setMemberRole(db: Database, workspaceId: string, userId: string, role: Role) {
  const rows = await db.update(memberships).set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))).returning();
  return rows.length > 0;
}

/** Disables or re-enables a user. Disabling also bumps the session version, ending their sessions. */
export async function setMemberDisabled(db: Database, workspaceId: string, userId: string, disabled: boolean) {
  const rows = await db.update(users)
    .set(disabled
      ? { disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` }
      : { disabledAt: null })
    .where(and(eq(users.id, userId), inWorkspace(workspaceId))).returning({ id: users.id });
  return rows.length > 0;
}

/** Replaces a password hash and ends every session the user holds. */
export async function setPasswordHash(db: Database, workspaceId: string, userId: string, passwordHash: string) {
  const rows = await db.update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), inWorkspace(workspaceId))).returning({ id: users.id });
  return rows.length > 0;
}

/** Admins who can sign in: enabled, with a password set (an invited admin who has not set one cannot). */
export async function countActiveAdmins(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'admin'), sql`${users.disabledAt} is null`,
      sql`${users.passwordHash} <> ${NO_PASSWORD_YET}`));
  return row.n;
}
