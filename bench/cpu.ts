// CPU time of a measured process (and of its main thread alone), of the PostgreSQL backends serving one database,
// and of the whole machine, read from /proc (utime + stime; /proc/stat for the machine). A latency on a shared
// 2-core machine moves with whatever else runs; the CPU each delivery costs moves much less, so an A/B on a busy
// machine compares this (with the latencies of the same run beside it). Linux only; elsewhere it reads null. A
// backend that exits during a phase takes its CPU time with it (the pools keep theirs).
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ: 100 on every Linux Node runs on

/** utime + stime of `pid` in ms (every thread), or of its main thread alone, or null when it is gone. */
export function cpuMsOf(pid: number, mainThreadOnly = false): number | null {
  let stat: string;
  try {
    stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
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

/** The machine's busy and total CPU time in ms, all cores together (idle and iowait are not busy), or null. */
function machineMs(): { busy: number; total: number } | null {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    return { busy: ((total - ticks[3]! - ticks[4]!) * 1000) / ticksPerSecond, total: (total * 1000) / ticksPerSecond };
  } catch {
    return null;
  }
}

/**
 * `mainThreadMs`: the server's main thread alone (its event loop), which a single-threaded bottleneck shows near
 * `wallMs`, the time since the mark; `machine`: every process on every core, out of `totalMs` (cores × `wallMs`).
 * The three are absent from reports saved before they were measured, and `machine` where /proc/stat is not.
 */
export type CpuReading = { serverMs: number; postgresMs: number; mainThreadMs?: number; machine?: { busyMs: number; totalMs: number }; wallMs?: number };
export type CpuMeter = { mark(): void; sinceMark(): CpuReading | null };

/** CPU of `pid` (and of its main thread), of `database`'s backends and of the machine since the last mark(). */
export function meterCpu(pid: number, database: string | null): CpuMeter {
  let base = new Map<number, number>();
  let baseMain = 0;
  let baseMachine = machineMs();
  let markedAt = performance.now();
  const read = (): Map<number, number> => {
    const now = new Map<number, number>();
    for (const each of [pid, ...(database ? backendsOf(database) : [])]) {
      const ms = cpuMsOf(each);
      if (ms !== null) now.set(each, ms);
    }
    return now;
  };
  return {
    mark() { base = read(); baseMain = cpuMsOf(pid, true) ?? 0; baseMachine = machineMs(); markedAt = performance.now(); },
    sinceMark() {
      const now = read();
      const main = cpuMsOf(pid, true);
      const machine = machineMs();
      if (!now.has(pid) || main === null) return null;
      let postgresMs = 0;
      // a backend born since the mark counts from zero
      for (const [each, ms] of now) if (each !== pid) postgresMs += ms - (base.get(each) ?? 0);
      return { serverMs: now.get(pid)! - (base.get(pid) ?? 0), postgresMs, mainThreadMs: main - baseMain, wallMs: performance.now() - markedAt,
        ...(machine && baseMachine ? { machine: { busyMs: machine.busy - baseMachine.busy, totalMs: machine.total - baseMachine.total } } : {}) };
    },
  };
}
