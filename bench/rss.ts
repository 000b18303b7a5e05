// Memory of a measured process, read from /proc/<pid>/status: VmRSS (now) and VmHWM (the peak since it started,
// kept by the kernel, so a spike between two samples is not missed). Linux only; elsewhere it reads null.
import { readFileSync } from 'node:fs';

export type RssReading = { rssMb: number; peakMb: number };

export function readRss(pid: number): RssReading | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null; // the process is gone, or this is not Linux
  }
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export type RssSampler = {
  /** [seconds since the sampler started, RSS MB], one per interval. */
  samples: [number, number][];
  /** The kernel's peak (VmHWM) at the last reading. */
  peakMb(): number;
  /** The highest sampled RSS since `mark()` (a phase's own peak; VmHWM never goes down). */
  maxSinceMark(): number;
  mark(): void;
  stop(): void;
};

export function sampleRss(pid: number, intervalMs = 250): RssSampler {
  const started = performance.now();
  const samples: [number, number][] = [];
  let peak = Number.NaN;
  let sinceMark = 0;
  const read = (): void => {
    const reading = readRss(pid);
    if (reading === null) return;
    peak = reading.peakMb;
    sinceMark = Math.max(sinceMark, reading.rssMb);
    samples.push([Math.round((performance.now() - started) / 100) / 10, Math.round(reading.rssMb * 10) / 10]);
  };
  read();
  const timer = setInterval(read, intervalMs);
  return {
    samples,
    peakMb: () => { read(); return peak; },
    maxSinceMark: () => { read(); return sinceMark; },
    mark: () => { sinceMark = 0; read(); },
    stop: () => { read(); clearInterval(timer); },
  };
}
