import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { readWorkspaceSettings, saveWorkspaceSettings } from '@/lib/dal/workspace-settings';
import { AppError } from '@/lib/errors';
import { workspaceSettingsFormSchema } from '@/lib/workspace-settings';
import { runAction, type ActionDeps } from './action-core';
import type { Ctx } from './session';
import { createTestWorkspace } from './testing';

/** A nested form like the wizard's mapping screen: rows of column to field. */
const mappingSchema = z.object({
  name: z.string().trim().min(1, { error: 'Enter a name.' }),
  mappings: z.array(z.object({ column: z.string().min(1, { error: 'Choose a column.' }), field: z.string().min(1, { error: 'Choose a field.' }) })),
});

describe('the server-action wrapper', () => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  const revalidated: string[] = [];
  const logged: unknown[] = [];
  const deps = (ctx: () => Promise<Ctx>): ActionDeps => ({
    context: ctx,
    revalidate: (path) => { revalidated.push(path); },
    rethrow: (error) => { if (error instanceof Error && error.message === 'NEXT_REDIRECT') throw error; },
    logUnexpected: (error) => { logged.push(error); },
  });
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    admin = await createTestWorkspace(handle.db, 'Wrapper');
  });
  afterAll(async () => { await handle.close(); });

  it('parses FormData, runs the data-access function with the session, then revalidates', async () => {
    const form = new FormData();
    form.set('teachMeEnabled', 'on');
    form.set('onboardingTasks', 'create_profile\ninvite_teammate');
    form.set('fieldPrefix', 'Usage_');
    form.set('$ACTION_ID_abc', '');
    const result = await runAction(deps(async () => admin), { schema: workspaceSettingsFormSchema, run: saveWorkspaceSettings, revalidate: '/settings/workspace', success: 'Saved.' }, form);
    expect(result).toMatchObject({ ok: true, message: 'Saved.' });
    expect(revalidated).toEqual(['/settings/workspace']);
    expect(await readWorkspaceSettings(admin)).toMatchObject({ teachMeEnabled: true, onboardingTasks: ['create_profile', 'invite_teammate'], fieldPrefix: 'Usage_' });
  });

  it('words the confirmation from the result and the input when the action says what happened to whom', async () => {
    const result = await runAction(deps(async () => admin), {
      schema: z.object({ name: z.string(), paused: z.coerce.boolean() }),
      run: async (_ctx, input) => ({ paused: input.paused }),
      success: (data, input) => (data.paused ? `${input.name} paused.` : `${input.name} resumed.`),
    }, { name: 'Nightly push', paused: 'true' });
    expect(result).toMatchObject({ ok: true, message: 'Nightly push paused.' });
  });

  it('words the messages a schema leaves to zod in the app\'s voice, not zod\'s "Too small" or "Invalid input"', async () => {
    const result = await runAction(deps(async () => admin), {
      schema: z.object({ tag: z.string().trim().min(1).max(5), role: z.enum(['admin', 'member']), days: z.coerce.number().int() }),
      run: async () => undefined,
    }, { tag: ' ', role: 'owner', days: '2.5' });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { tag: ['Enter a value.'], role: ['Choose one of the options.'], days: ['Enter a whole number.'] },
    });
  });

  it('keys field errors by path, so a nested form can show each beside its row, and runs nothing', async () => {
    let ran = false;
    const result = await runAction(deps(async () => admin), {
      schema: mappingSchema,
      run: async () => { ran = true; },
    }, { name: ' ', mappings: [{ column: 'Email', field: 'Email' }, { column: 'First Login', field: '' }, { column: '', field: 'X__c' }] });
    expect(ran).toBe(false);
    expect(result).toEqual({
      ok: false,
      message: 'Some fields need attention.',
      fieldErrors: { name: ['Enter a name.'], 'mappings.1.field': ['Choose a field.'], 'mappings.2.column': ['Choose a column.'] },
      values: { name: ' ' },
    });
  });

  it('names a bad line of a FormData text list once, by its number, and echoes what was typed', async () => {
    const form = new FormData();
    form.set('onboardingTasks', 'ok_task\nnot ok; drop table');
    const result = await runAction(deps(async () => admin), { schema: workspaceSettingsFormSchema, run: saveWorkspaceSettings }, form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({ onboardingTasks: ['Line 2 (“not ok; drop table”): use only letters, digits and _ . : - in a task id, up to 100 characters.'] });
    expect(result.values).toEqual({ onboardingTasks: 'ok_task\nnot ok; drop table' });
  });

  it("answers the DAL's own refusal (a member changing workspace options) with its message, unlogged", async () => {
    const member: Ctx = { ...admin, user: { ...admin.user, role: 'member' } };
    const before = logged.length;
    const result = await runAction(deps(async () => member), { schema: workspaceSettingsFormSchema, run: saveWorkspaceSettings }, { fieldPrefix: 'Nope_' });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/Only workspace admins can change workspace options/) });
    expect(logged.length).toBe(before);
    expect((await readWorkspaceSettings(admin)).fieldPrefix).toBe('Usage_');
  });

  it('refuses without a session before parsing anything', async () => {
    const result = await runAction(deps(async () => { throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.'); }),
      { schema: mappingSchema, run: async () => 'never' }, { name: '' });
    expect(result).toMatchObject({ ok: false, message: 'Your session has ended. Sign in again to continue.' });
    expect(result).not.toHaveProperty('fieldErrors', expect.anything());
  });

  it('hides an unexpected exception behind a generic message and logs it', async () => {
    const result = await runAction(deps(async () => admin), {
      schema: z.object({}),
      run: async () => { throw new Error('connection refused at 10.0.0.5:5432'); },
    }, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).not.toMatch(/10\.0\.0\.5/);
    expect(result.message).toMatch(/Something went wrong on our side/);
    expect(logged.at(-1)).toBeInstanceOf(Error);
  });

  it('lets a redirect from the action through', async () => {
    await expect(runAction(deps(async () => admin), { schema: z.object({}), run: async () => { throw new Error('NEXT_REDIRECT'); } }, {}))
      .rejects.toThrow('NEXT_REDIRECT');
  });
});
