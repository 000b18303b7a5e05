// CPU time of a measured process and of the PostgreSQL backends serving one database, read from /proc (utime +
// stime). A latency on a shared 2-core machine moves with whatever else runs; the CPU each delivery costs moves
// much less, so an A/B on a busy machine compares this (with the latencies of the same run beside it). Linux only;
// elsewhere it reads null. A backend that exits during a phase takes its CPU time with it (the pools keep theirs).
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ: 100 on every Linux Node runs on

/** utime + stime of `pid` in ms, or null when it is gone. */
export function cpuMsOf(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // the fields after the command (which may hold spaces) start at the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** The backends of `database`: PostgreSQL titles each one "postgres: USER DATABASE HOST(PORT) STATE". */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try { entries = readdirSync('/proc'); } catch { return pids; }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(' ')[2] === database) pids.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return pids;
}

export type CpuReading = { serverMs: number; postgresMs: number };
export type CpuMeter = { mark(): void; sinceMark(): CpuReading | null };

/** CPU of `pid` and of `database`'s backends since the last mark(). */
export function meterCpu(pid: number, database: string | null): CpuMeter {
  let base = new Map<number, number>();
  const read = (): Map<number, number> => {
    const now = new Map<number, number>();
    for (const each of [pid, ...(database ? backendsOf(database) : [])]) {
      const ms = cpuMsOf(each);
      if (ms !== null) now.set(each, ms);
    }
    return now;
  };
  return {
    mark() { base = read(); },
    sinceMark() {
      const now = read();
      if (!now.has(pid)) return null;
      let postgresMs = 0;
      // a backend born since the mark counts from zero
      for (const [each, ms] of now) if (each !== pid) postgresMs += ms - (base.get(each) ?? 0);
      return { serverMs: now.get(pid)! - (base.get(pid) ?? 0), postgresMs };
    },
  };
}
