import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';

/** Every entry below a folder with its permission bits. */
function modes(folder: string): Array<{ entry: string; mode: number; dir: boolean }> {
  return (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .map((e) => path.join(e.parentPath, e.name))
    .map((full) => ({ entry: path.relative(folder, full), mode: fs.statSync(full).mode & 0o777, dir: fs.statSync(full).isDirectory() }));
}

describe('embedded data folder permissions', () => {
  it('the folder is 0700 and every file in it 0600, including those PGlite writes and those of an older install', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-perms-'));
    const dir = path.join(parent, 'data');
    // An older install left world-readable files behind.
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'old-file'), 'x', { mode: 0o666 });
    fs.chmodSync(path.join(dir, 'old-file'), 0o666);
    const umask = process.umask();
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await handle.db.execute('create table t (v text)');
      await handle.db.execute("insert into t select repeat('x', 1000) from generate_series(1, 2000)");
      await handle.db.execute('checkpoint');
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      const entries = modes(dir);
      expect(entries.length).toBeGreaterThan(100);
      expect(entries.filter((e) => (e.mode & 0o077) !== 0)).toEqual([]);
    } finally {
      await handle.close();
      process.umask(umask);
    }
  }, 60_000);
});
