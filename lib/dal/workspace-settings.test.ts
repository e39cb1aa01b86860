import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { Ctx } from '@/lib/auth/session';
import { workspaceSettingsFormSchema } from '@/lib/workspace-settings';
import { readWorkspaceSettings, saveWorkspaceSettings } from './workspace-settings';

describe('workspace options', () => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    admin = await createTestWorkspace(handle.db, 'Acme');
  });
  afterAll(async () => { await handle.close(); });

  it('starts with TeachMe off, no tasks and the DIC_ prefix, and saves what the form sends', async () => {
    expect(await readWorkspaceSettings(admin)).toEqual({ name: 'Acme', teachMeEnabled: false, onboardingTasks: [], fieldPrefix: 'DIC_' });
    const input = workspaceSettingsFormSchema.parse({ teachMeEnabled: 'on', onboardingTasks: 'create_profile\n\n invite_teammate \ncreate_profile', fieldPrefix: 'Usage_' });
    await saveWorkspaceSettings(admin, input);
    expect(await readWorkspaceSettings(admin)).toMatchObject({ teachMeEnabled: true, onboardingTasks: ['create_profile', 'invite_teammate'], fieldPrefix: 'Usage_' });
  });

  it('refuses members and bad task ids', async () => {
    const member: Ctx = { ...admin, user: { ...admin.user, role: 'member' } };
    await expect(saveWorkspaceSettings(member, workspaceSettingsFormSchema.parse({}))).rejects.toThrow(/Only workspace admins can change workspace options/);
    const bad = workspaceSettingsFormSchema.safeParse({ onboardingTasks: 'ok_task\nnot ok; drop table\n\nalso bad!' });
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      'Line 2 (“not ok; drop table”): use only letters, digits and _ . : - in a task id, up to 100 characters.',
      'Line 4 (“also bad!”): use only letters, digits and _ . : - in a task id, up to 100 characters.',
    ]);
    expect(workspaceSettingsFormSchema.safeParse({ fieldPrefix: '1bad' }).error?.issues[0].message)
      .toBe('Start the prefix with a letter and use only letters, digits and underscores, like DIC_.');
  });
});
