import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';

describe('embedded database folder lock', () => {
  it('refuses a second process opening the same PGlite folder, saying why and what to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-lock-'));
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const script = `import { openDatabase } from './db/client.ts';
        try { await openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dir)} }); console.log('OPENED'); }
        catch (e) { console.log(e.code + ': ' + e.message); }`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
      expect(child.stdout).not.toContain('OPENED');
      expect(child.stdout).toContain('DATA_FOLDER_IN_USE');
      expect(child.stdout).toContain(`already open in process ${process.pid}`);
      expect(child.stdout).toContain('DATABASE_URL');
    } finally {
      await first.close();
    }
    // Once closed, the folder can be opened again, and the data is still there.
    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    await again.close();
  }, 120_000);

  it('takes over a lock left by a process that has died', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'dic.lock'), dead.stdout.trim());
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'dic.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}\\b`));
    await handle.close();
    expect(fs.existsSync(path.join(dir, 'dic.lock'))).toBe(false);
  });

  it("takes over a dead holder's lock whose PID now belongs to another live process, or to this one (a restarted container)", async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      // The dead holder had the same PID as the live process, but started at another time.
      for (const pid of [other.pid!, process.pid]) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-lock-'));
        fs.writeFileSync(path.join(dir, 'dic.lock'), `${pid} 1`);
        const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
        await handle.close();
      }
    } finally {
      other.kill();
    }
  }, 120_000);

  it('refuses a second open of the same folder in this process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-lock-'));
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
    } finally {
      await first.close();
    }
  });
});
