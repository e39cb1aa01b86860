import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { Ctx } from '@/lib/auth/session';
import { workspaceSettingsSchema } from '@/lib/workspace-settings';
import { readWorkspaceSettings, saveWorkspaceSettings } from './workspace-settings';

describe('workspace options', () => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    admin = await createTestWorkspace(handle.db, 'Acme');
  });
  afterAll(async () => { await handle.close(); });

  it('starts with TeachMe off, no tasks and the WalkMe_ prefix, and saves what the form sends', async () => {
    expect(await readWorkspaceSettings(admin)).toEqual({ name: 'Acme', teachMeEnabled: false, onboardingTasks: [], fieldPrefix: 'WalkMe_' });
    const input = workspaceSettingsSchema.parse({ teachMeEnabled: 'on', onboardingTasks: 'create_profile\n\n invite_teammate \ncreate_profile', fieldPrefix: 'Usage_' });
    await saveWorkspaceSettings(admin, input);
    expect(await readWorkspaceSettings(admin)).toMatchObject({ teachMeEnabled: true, onboardingTasks: ['create_profile', 'invite_teammate'], fieldPrefix: 'Usage_' });
  });

  it('refuses members and bad task ids', async () => {
    const member: Ctx = { ...admin, user: { ...admin.user, role: 'member' } };
    await expect(saveWorkspaceSettings(member, workspaceSettingsSchema.parse({}))).rejects.toThrow(/Only workspace admins can change workspace options/);
    const bad = workspaceSettingsSchema.safeParse({ onboardingTasks: 'ok_task\nnot ok; drop table' });
    expect(bad.success).toBe(false);
    expect(workspaceSettingsSchema.safeParse({ fieldPrefix: '1bad' }).success).toBe(false);
  });
});
