// The heap cap of a serve process. V8 sizes its heap from the machine's memory (4 GB on a 24 GB one), not from what the
// process keeps alive: a draining worker held 37 MB of live data and grew past 600 MB of RSS, garbage V8 saw no reason
// to collect. A heap limit can only be set when V8 starts (v8.setFlagsFromString is too late), so `serve` replaces
// itself, before it opens anything, with the same command under the limit: process.execve keeps the pid, so signals,
// supervisors and `kill` see one process, as before.
import type { Config } from '../config.ts';

/** The measured setting of README "Performance": a worker drained 1,000,000 deliveries within 270 MB of RSS. */
const workerHeapMb = 192;

export type HeapLimit = { oldSpaceMb: number; semiSpaceMb: number };

/** The limit this process should run under, or null for Node's default (or the one the operator's flags already set). */
export function heapLimitFor(config: Pick<Config, 'heapLimitMb' | 'role'>, nodeFlags: string): HeapLimit | null {
  if (/--max-old-space-size\b/.test(nodeFlags)) return null;
  const oldSpaceMb = config.heapLimitMb === 'auto' ? (config.role === 'worker' ? workerHeapMb : 0) : config.heapLimitMb;
  if (oldSpaceMb === 0) return null;
  // the young generation in proportion: three semi-spaces of 16 MB each are a quarter of a 192 MB heap
  return { oldSpaceMb, semiSpaceMb: Math.max(1, Math.min(16, Math.floor(oldSpaceMb / 24))) };
}

/**
 * Relaunches this process in place under `limit` (never returns), unless it already runs under one or this Node
 * cannot replace a process (process.execve: Node 23.11+, not on Windows), where it carries on with Node's default.
 */
export function applyHeapLimit(config: Pick<Config, 'heapLimitMb' | 'role'>): void {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  const limit = heapLimitFor(config, flags);
  if (limit === null || typeof process.execve !== 'function') return;
  const heapFlags = [`--max-old-space-size=${limit.oldSpaceMb}`, `--max-semi-space-size=${limit.semiSpaceMb}`];
  process.execve(process.execPath, [process.execPath, ...heapFlags, ...process.execArgv, ...process.argv.slice(1)], process.env);
}
