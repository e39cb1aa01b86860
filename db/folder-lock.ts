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

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or null where there is
 * no /proc. A PID names a process only together with its start time: PIDs are reused, and in a container a
 * restarted server usually gets the very PID its dead predecessor had.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces; fields after it are plain.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
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

/** Folders this process holds, so a lock file naming our PID is ours only if we wrote it. */
const heldHere = new Set<string>();

/** True when the lock file's holder is a live process other than a dead one whose PID was reused. */
function holderIsAlive(folder: string, pid: number, start: string | undefined): boolean {
  if (pid === process.pid) return heldHere.has(folder);
  if (!processAlive(pid)) return false;
  const current = processStartTime(pid);
  // Without /proc (or an old lock file without a start time) the PID is all there is to go on.
  return !start || current === null || current === start;
}

/**
 * Takes `folder/dic.lock` for this process, atomically. The file names the holder by PID and start time;
 * a lock left by a process that has died is taken over, even when its PID now belongs to another process
 * (or to this one); a lock held by a live process is refused.
 */
export function acquireFolderLock(folder: string): FolderLock {
  const file = path.join(folder, 'dic.lock');
  const key = path.resolve(folder);
  const me = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, me, { flag: 'wx', mode: 0o600 });
      heldHere.add(key);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(key);
        try {
          if (fs.readFileSync(file, 'utf8') === me) fs.unlinkSync(file);
        } catch { /* already gone */ }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, start] = fs.readFileSync(file, 'utf8').trim().split(/\s+/);
      const holder = Number.parseInt(pidText, 10);
      if (Number.isFinite(holder) && holderIsAlive(key, holder, start)) throw new DataFolderInUseError(folder, holder);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}; remove it if no DIC process is running.`);
}
