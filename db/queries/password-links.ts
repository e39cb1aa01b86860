import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { passwordLinks, users, type PasswordLinkPurpose } from '../schema';

/**
 * Stores a new link for a user of the workspace and drops their older unused ones, so only the newest
 * link works. Token lookups below are by hash alone: the token is the credential, like an API key.
 */
export async function replacePasswordLink(db: Database, link: {
  workspaceId: string; userId: string; purpose: PasswordLinkPurpose; tokenHash: string; createdBy: string | null; expiresAt: Date;
}) {
  return db.transaction(async (tx) => {
    await tx.delete(passwordLinks).where(and(eq(passwordLinks.workspaceId, link.workspaceId), eq(passwordLinks.userId, link.userId), isNull(passwordLinks.usedAt)));
    const [row] = await tx.insert(passwordLinks).values(link).returning();
    return row;
  });
}

/** The unused, unexpired link with this token hash, with the person it is for; null otherwise. */
export async function findUsablePasswordLink(db: Database, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ link: passwordLinks, email: users.email, name: users.name })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(and(eq(passwordLinks.tokenHash, tokenHash), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)));
  return row ?? null;
}

/** Marks the link used if it still is usable; only one caller can win. Returns the link, or null. */
export async function consumePasswordLink(db: Database, tokenHash: string, now: Date) {
  const [row] = await db.update(passwordLinks)
    .set({ usedAt: sql`${now.toISOString()}::timestamptz` })
    .where(and(eq(passwordLinks.tokenHash, tokenHash), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, now)))
    .returning();
  return row ?? null;
}
