import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { addMember } from '@/db/queries/users';
import { createWorkspaceWithAdmin } from '@/db/queries/workspaces';
import { hashPassword } from '@/lib/secrets/password';
import { SIGN_IN_LIMIT, authenticate } from './authenticate';

const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Runs the npm script's entry as an operator would, with the password piped in. */
function resetCommand(dataDir: string, args: string[], stdin: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DIC_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return spawnSync(tsx, ['scripts/admin-reset-password.ts', ...args], { cwd: process.cwd(), input: stdin, encoding: 'utf8', env });
}

describe('npm run admin:reset-password', () => {
  it("gets a locked-out only admin back in, ending their sessions, and refuses members and passwords on the command line", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-reset-'));
    let handle = await openDatabase({ kind: 'pglite', dataDir });
    const created = (await createWorkspaceWithAdmin(handle.db, {
      workspaceName: 'Solo', email: 'only@solo.test', name: 'Only', passwordHash: await hashPassword('Forgotten-password-1'),
    }))!;
    await addMember(handle.db, { workspaceId: created.workspace.id, email: 'member@solo.test', name: 'M', passwordHash: 'x', role: 'member' });
    for (let i = 0; i < SIGN_IN_LIMIT.perEmail; i++) {
      await authenticate(handle.db, { email: 'only@solo.test', password: `guess-${i}`, ip: 'unknown' }).catch(() => undefined);
    }
    await handle.close();

    const onArgv = resetCommand(dataDir, ['--email', 'only@solo.test', '--password', 'Fresh-password-2'], '');
    expect(onArgv.status).toBe(2);
    expect(onArgv.stderr).toContain('Do not put the password on the command line');
    const member = resetCommand(dataDir, ['--email', 'member@solo.test'], 'Fresh-password-2\n');
    expect(member.stderr).toContain('member@solo.test is not an admin');
    const weak = resetCommand(dataDir, ['--email', 'only@solo.test'], 'short\n');
    expect(weak.stderr).toContain('Use at least 12 characters.');

    const reset = resetCommand(dataDir, ['--email', 'only@solo.test'], 'Fresh-password-2\n');
    expect(reset.stderr).toBe('');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('The password of only@solo.test is reset');

    handle = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const user = await authenticate(handle.db, { email: 'only@solo.test', password: 'Fresh-password-2', ip: 'unknown' });
      expect(user.sessionVersion).toBe(2);
      const [entry] = await listAudit(handle.db, created.workspace.id, { action: 'user.password_reset' });
      expect(entry.summary).toBe('Reset the password of only@solo.test from the server command line');
    } finally {
      await handle.close();
    }
  }, 300_000);
});
