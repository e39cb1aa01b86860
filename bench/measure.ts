// What bench/sync.ts measures around a run: time, memory, and the CPU of every process taking part.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds used so far by each process: the emulator's and every PostgreSQL process on this machine (from /proc; Linux). */
function otherCpu(emulatorPid: number | undefined): { emulator: number; postgres: Map<string, number> } {
  const ticks = (pid: string) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: (Number(fields[11]) + Number(fields[12])) * 10 };
    } catch {
      return null;
    }
  };
  const postgres = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const t = ticks(pid);
    if (t?.comm === 'postgres') postgres.set(pid, t.ms);
  }
  return { emulator: emulatorPid === undefined ? 0 : (ticks(String(emulatorPid))?.ms ?? 0), postgres };
}

/** CPU used between two readings; a PostgreSQL process that ended in between is not counted (an underestimate). */
function cpuBetween(before: ReturnType<typeof otherCpu>, after: ReturnType<typeof otherCpu>): { emulator: number; postgres: number } {
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return { emulator: after.emulator - before.emulator, postgres };
}

/**
 * Wall time, peak RSS and JS heap of this process (sampled every 50 ms) and CPU time of this process, the
 * emulator's and PostgreSQL's while `work` runs.
 */
export async function measured<T>(work: () => Promise<T>, emulatorPid: number | undefined): Promise<{ value: T; ms: number; peakRss: number; startRss: number; peakHeap: number; cpuMs: number; emulatorCpuMs: number; postgresCpuMs: number }> {
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const others = otherCpu(emulatorPid);
  try {
    const value = await work();
    const used = process.cpuUsage(cpu);
    const other = cpuBetween(others, otherCpu(emulatorPid));
    return {
      value, ms: performance.now() - started, peakRss: Math.max(peakRss, process.memoryUsage().rss), startRss, peakHeap, cpuMs: (used.user + used.system) / 1000,
      emulatorCpuMs: other.emulator, postgresCpuMs: other.postgres,
    };
  } finally {
    clearInterval(sampler);
  }
}

