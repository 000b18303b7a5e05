// CPU time of a measured process (and of its main thread alone), of the PostgreSQL backends serving one database,
// of the whole machine, and of every process outside the benchmark's own (this process and its descendants), read
// from /proc (utime + stime; /proc/stat for the machine). A latency on a shared 2-core machine moves with whatever
// else runs; the CPU each delivery costs moves much less, so an A/B on a busy machine compares this (with the
// latencies of the same run beside it, and the CPU taken outside the benchmark). Linux only; elsewhere it reads
// null. A backend that exits during a phase takes its CPU time with it (the pools keep theirs).
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100; // USER_HZ: 100 on every Linux Node runs on

type ProcessCpu = { ppid: number; name: string; ms: number };

/** A /proc/.../stat line's parent, command name and utime + stime in ms. */
function parseStat(stat: string): ProcessCpu {
  // the fields after the command (which may hold spaces and parentheses) start at the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond };
}

/** utime + stime of `pid` in ms (every thread), or of its main thread alone, or null when it is gone. */
export function cpuMsOf(pid: number, mainThreadOnly = false): number | null {
  try {
    return parseStat(readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')).ms;
  } catch {
    return null;
  }
}

/** Every process id in /proc (none where there is no /proc). */
function processIds(): number[] {
  try { return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number); } catch { return []; }
}

/** The backends of `database`: PostgreSQL titles each one "postgres: USER DATABASE HOST(PORT) STATE". */
function backendsOf(database: string): number[] {
  return processIds().filter((pid) => {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return title.startsWith('postgres: ') && title.split(' ')[2] === database;
    } catch { return false; /* gone meanwhile */ }
  });
}

/** Every process's parent, name and utime + stime in ms. */
function everyProcess(): Map<number, ProcessCpu> {
  const processes = new Map<number, ProcessCpu>();
  for (const pid of processIds()) {
    try { processes.set(pid, parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))); } catch { /* gone meanwhile */ }
  }
  return processes;
}

/**
 * The processes outside the benchmark's tree (this process, its servers, receivers and PostgreSQL, and their
 * children): kernel threads and whatever else shares the machine. On this project's 2-core VMs that was a kernel
 * thread, kdamond (DAMON's proactive reclaim), taking 8 to 27 ms of CPU about every 540 ms under load (README
 * Performance). A PostgreSQL given by BENCH_DATABASE_URL is outside too.
 */
function outsideTheBench(): Map<number, ProcessCpu> {
  const processes = everyProcess();
  const ours = new Set<number>([process.pid]);
  // parents before children is not guaranteed by pid order (pids wrap): repeat until no process joins
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, each] of processes) if (!ours.has(pid) && ours.has(each.ppid)) { ours.add(pid); grew = true; }
  }
  for (const pid of ours) processes.delete(pid);
  return processes;
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
 * `outside`: the CPU of every process outside the benchmark's tree, and the one that took most (a process that
 * exited during the phase is missed). They are absent from reports saved before they were measured, and `machine`
 * where /proc/stat is not.
 */
export type CpuReading = {
  serverMs: number; postgresMs: number; mainThreadMs?: number; machine?: { busyMs: number; totalMs: number }; wallMs?: number;
  outside?: { ms: number; most: { name: string; ms: number } | null };
};
export type CpuMeter = { mark(): void; sinceMark(): CpuReading | null };

/** CPU of `pid` (and of its main thread), of `database`'s backends and of the machine since the last mark(). */
export function meterCpu(pid: number, database: string | null): CpuMeter {
  let base = new Map<number, number>();
  let baseMain = 0;
  let baseMachine = machineMs();
  let baseOutside = outsideTheBench();
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
    mark() { base = read(); baseMain = cpuMsOf(pid, true) ?? 0; baseMachine = machineMs(); baseOutside = outsideTheBench(); markedAt = performance.now(); },
    sinceMark() {
      const now = read();
      const main = cpuMsOf(pid, true);
      const machine = machineMs();
      if (!now.has(pid) || main === null) return null;
      let postgresMs = 0;
      // a backend born since the mark counts from zero
      for (const [each, ms] of now) if (each !== pid) postgresMs += ms - (base.get(each) ?? 0);
      return { serverMs: now.get(pid)! - (base.get(pid) ?? 0), postgresMs, mainThreadMs: main - baseMain, wallMs: performance.now() - markedAt,
        ...(machine && baseMachine ? { machine: { busyMs: machine.busy - baseMachine.busy, totalMs: machine.total - baseMachine.total } } : {}),
        outside: outsideSince(baseOutside) };
    },
  };
}

/** The CPU outside the benchmark since `base` (a process born since counts from zero), in total and its largest part by name. */
function outsideSince(base: Map<number, ProcessCpu>): NonNullable<CpuReading['outside']> {
  const byName = new Map<string, number>();
  for (const [pid, each] of outsideTheBench()) {
    const before = base.get(pid);
    const ms = each.ms - (before?.name === each.name ? before.ms : 0);
    if (ms > 0) byName.set(each.name, (byName.get(each.name) ?? 0) + ms);
  }
  let most: { name: string; ms: number } | null = null;
  for (const [name, ms] of byName) if (most === null || ms > most.ms) most = { name, ms };
  return { ms: [...byName.values()].reduce((sum, ms) => sum + ms, 0), most };
}
