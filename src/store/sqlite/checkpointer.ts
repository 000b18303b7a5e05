// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever COMMIT crosses 1,000 WAL
// pages, on the one thread that also serves the API and dispatches: it copies the pages into the database file and
// fsyncs both files, blocking everything for that long (measured: half the cost of a publish, and a latency spike
// for whatever waits behind it). Here a worker thread with its own connection runs the checkpoints instead, and the
// store's connection checkpoints only to start the WAL over (see sqlite-store.ts).
// Fails toward the old behaviour: a checkpointer that cannot start or dies leaves the WAL to grow until the store's
// own connection checkpoints again (see `onLost`), never a lost commit (commits are durable in the WAL itself).
// A PASSIVE checkpoint never starts the WAL over while commits keep coming (SQLite restarts the log only when a writer
// begins with every frame copied). So once the WAL is long (`restartPages`), the worker checkpoints again while the
// last round found more than a little new, then says so (`onCaughtUp`): the store's connection, the one writer, copies
// and syncs the little that came in meanwhile, and its next write starts the WAL over.
import { Worker } from 'node:worker_threads';

export type Checkpointer = { stop(): Promise<void> };

export type CheckpointerOptions = {
  /** How often a PASSIVE checkpoint runs (it never blocks the store's writers or readers). */
  intervalMs?: number;
  /** Called if the worker stops on its own (an error): the caller re-enables automatic checkpoints. */
  onLost?: (error: Error) => void;
  /** Called when the checkpoints have copied nearly all of a WAL of `restartPages` or more: the caller's checkpoint can start it over. */
  onCaughtUp?: () => void;
};

/** 16 MB of WAL: in the bench, started over twice a second at 200 events/s and about three times a second at saturation. */
const restartPages = 4096;

// plain JavaScript (eval), so it runs the same with or without type stripping
const workerSource = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const { file, intervalMs, restartPages } = workerData;
const db = new DatabaseSync(file, { timeout: 5000 });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let stopping = false;
const timer = setInterval(() => {
  if (stopping) return;
  // a busy database (another checkpoint, e.g. another process's) is simply tried again next time
  try {
    let last = checkpoint.get();
    if (last.busy !== 0 || last.log < restartPages || last.checkpointed !== last.log) return;
    // more rounds while the last one found more than a little new (what is left for the store to copy on its
    // thread), unless the writes outpace them and the WAL has doubled meanwhile
    for (let round = 0; round < 8; round++) {
      const next = checkpoint.get();
      const arrived = next.log - last.log;
      last = next;
      if (arrived <= 64 || next.log >= 2 * restartPages) break;
    }
    parentPort.postMessage('caught-up');
  } catch {}
}, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stopping = true;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
  parentPort.close();
});
`;

export function startCheckpointer(file: string, options: CheckpointerOptions = {}): Checkpointer {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, intervalMs: options.intervalMs ?? 100, restartPages },
    // it only runs one PRAGMA now and then: a small heap keeps its share of the process's memory small
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  let stopped: Promise<void> | null = null;
  let exited = false;
  worker.once('exit', () => { exited = true; });
  worker.once('error', (error) => { if (stopped === null) options.onLost?.(error); });
  worker.on('message', (message) => { if (message === 'caught-up' && stopped === null) options.onCaughtUp?.(); });
  // never what keeps the process alive; after the listeners, since a 'message' listener refs the worker again
  worker.unref();
  return {
    stop() {
      stopped ??= exited ? Promise.resolve() : new Promise<void>((resolve) => {
        // it closes its connection before it goes: an abandoned connection in this process could drop our file locks
        const done = () => resolve();
        worker.once('exit', done);
        worker.once('message', (message) => { if (message === 'stopped') void worker.terminate().then(done, done); });
        // held alive until it answers: an unreferenced worker let a process with nothing else to do exit with the
        // store's close still waiting, before its last group commit and its own connection's close
        worker.ref();
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
