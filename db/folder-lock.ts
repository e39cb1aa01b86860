import fs from 'node:fs';
import path from 'node:path';

/** A held lock on a data folder. */
export interface FolderLock { release(): void }

/** Raised when another live process already holds the embedded database folder. */
export class DataFolderInUseError extends Error {
  readonly code = 'DATA_FOLDER_IN_USE';
  constructor(folder: string, pid: number) {
    super(
      `The embedded database folder ${folder} is already open in process ${pid}. ` +
      'PGlite allows one process per data folder, and a second one would silently lose data. ' +
      'Stop the other process (or run the worker inside it, as `npm start` does), use another folder with DIC_DATA_DIR, ' +
      'or set DATABASE_URL to a PostgreSQL server to run several processes.',
    );
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `folder/dic.lock` for this process, atomically. A lock left by a process that has died is taken
 * over; a lock held by a live process is refused.
 */
export function acquireFolderLock(folder: string): FolderLock {
  const file = path.join(folder, 'dic.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch { /* already gone */ }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && processAlive(holder)) {
        throw new DataFolderInUseError(folder, holder);
      }
      if (holder === process.pid) throw new DataFolderInUseError(folder, holder);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}; remove it if no DIC process is running.`);
}
