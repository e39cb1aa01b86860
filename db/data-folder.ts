import fs from 'node:fs';
import path from 'node:path';

/**
 * Makes the embedded data folder private to the server's user: the folder 0700, everything in it 0600 (files)
 * or 0700 (folders). It holds the database, generated secrets and the demo org's tokens. The process umask
 * becomes 077 so files PGlite creates later are private too.
 */
export function makeDataFolderPrivate(folder: string): void {
  process.umask(0o077);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  restrictTree(folder);
}

/** Removes group and other permissions below a folder (older installs made PGlite's files 0666). */
export function restrictTree(folder: string): void {
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    fs.chmodSync(dir, 0o700);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) fs.chmodSync(full, fs.statSync(full).mode & 0o700);
    }
  }
}
