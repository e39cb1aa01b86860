import 'server-only';
import type { z } from 'zod';
import * as users from '@/db/queries/users';
import type { Ctx } from '@/lib/auth/session';
import type { changeOwnPasswordSchema, disableSchema, inviteUserSchema, roleChangeSchema, userIdSchema } from '@/lib/auth/schemas';
import type { PasswordLinkPurpose } from '@/db/schema';
import { createPasswordLink, NO_PASSWORD_YET } from '@/lib/auth/password-links';
import { AppError, notFound } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/secrets/password';
import { audit, requireAdmin } from './guards';

/** The workspace's users (any member may see who is in the workspace). */
export async function listWorkspaceUsers(ctx: Ctx) {
  return users.listMembers(ctx.db, ctx.user.workspaceId);
}

/** Adds a user with no password: they cannot sign in until they set one through their invitation link. */
export async function createWorkspaceUser(ctx: Ctx, input: z.infer<typeof inviteUserSchema>) {
  requireAdmin(ctx, 'add users');
  const member = await users.addMember(ctx.db, {
    workspaceId: ctx.user.workspaceId, email: input.email, name: input.name, role: input.role, passwordHash: NO_PASSWORD_YET,
  });
  if (!member) throw new AppError('CONFLICT', `${input.email} already has an account. Use another email.`, { fieldErrors: { email: ['This email already has an account.'] } });
  await audit(ctx, 'user.create', 'user', member.id, `Added ${member.email} as ${member.role}`);
  return member;
}

/** Adds a user and makes their invitation link, which the admin copies to them (it is shown only now). */
export async function inviteWorkspaceUser(ctx: Ctx, input: z.infer<typeof inviteUserSchema>) {
  const member = await createWorkspaceUser(ctx, input);
  const link = await createPasswordLink(ctx.db, { workspaceId: ctx.user.workspaceId, userId: member.id, purpose: 'invite', createdBy: ctx.user.userId });
  return { id: member.id, email: member.email, ...link };
}

/**
 * A one-time link for a user to set their password, which the admin copies to them; older links stop working.
 * For someone who never set a password it is a new invitation (a week, like the first); otherwise a reset.
 */
export async function makePasswordResetLink(ctx: Ctx, input: z.infer<typeof userIdSchema>) {
  requireAdmin(ctx, 'reset passwords');
  const target = await targetMember(ctx, input.userId);
  const purpose: PasswordLinkPurpose = target.passwordSet ? 'reset' : 'invite';
  const link = await createPasswordLink(ctx.db, { workspaceId: ctx.user.workspaceId, userId: target.id, purpose, createdBy: ctx.user.userId });
  if (purpose === 'invite') await audit(ctx, 'user.invite_link', 'user', target.id, `Made a new invitation link for ${target.email}`);
  else await audit(ctx, 'user.reset_link', 'user', target.id, `Made a password reset link for ${target.email}`);
  return { email: target.email, purpose, ...link };
}

async function targetMember(ctx: Ctx, userId: string) {
  const member = await users.getMember(ctx.db, ctx.user.workspaceId, userId);
  if (!member) throw notFound('That user');
  return member;
}

/** Refuses changes that would leave the workspace with no enabled admin who can sign in (an invited one cannot yet). */
async function keepOneAdmin(ctx: Ctx, target: users.Member) {
  if (target.role === 'admin' && !target.disabledAt && target.passwordSet && (await users.countActiveAdmins(ctx.db, ctx.user.workspaceId)) <= 1) {
    throw new AppError('CONFLICT', 'A workspace needs at least one enabled admin. Make someone else an admin first.');
  }
}

export async function changeUserRole(ctx: Ctx, input: z.infer<typeof roleChangeSchema>) {
  requireAdmin(ctx, 'change roles');
  const target = await targetMember(ctx, input.userId);
  if (input.role !== 'admin') await keepOneAdmin(ctx, target);
  await users.setMemberRole(ctx.db, ctx.user.workspaceId, target.id, input.role);
  await audit(ctx, 'user.role', 'user', target.id, `Changed ${target.email} to ${input.role}`);
  return { email: target.email, role: input.role };
}

export async function setUserDisabled(ctx: Ctx, input: z.infer<typeof disableSchema>) {
  requireAdmin(ctx, 'disable or enable users');
  const target = await targetMember(ctx, input.userId);
  if (input.disabled) {
    if (target.id === ctx.user.userId) throw new AppError('CONFLICT', 'You cannot disable yourself. Ask another admin.');
    await keepOneAdmin(ctx, target);
  }
  await users.setMemberDisabled(ctx.db, ctx.user.workspaceId, target.id, input.disabled);
  await audit(ctx, input.disabled ? 'user.disable' : 'user.enable', 'user', target.id,
    `${input.disabled ? 'Disabled' : 'Enabled'} ${target.email}`);
  return { email: target.email, disabled: input.disabled };
}

/** Any user may change their own password; it ends every other session they hold. */
export async function changeOwnPassword(ctx: Ctx, input: z.infer<typeof changeOwnPasswordSchema>) {
  const row = await users.findUserWithMembership(ctx.db, ctx.user.userId);
  if (!row || !(await verifyPassword(input.currentPassword, row.user.passwordHash))) {
    throw new AppError('VALIDATION', 'Your current password is wrong.', { fieldErrors: { currentPassword: ['Enter the password you signed in with.'] } });
  }
  await users.setPasswordHash(ctx.db, ctx.user.workspaceId, ctx.user.userId, await hashPassword(input.newPassword));
  await audit(ctx, 'user.password_change', 'user', ctx.user.userId, `${ctx.user.email} changed their password`);
}

