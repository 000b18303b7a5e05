// Readiness: may this process take traffic (api) or work (worker)? Three checks, each failing closed:
// - database: the store answers within a bound (a hung database must not hang the probe);
// - migrations: the schema is at this build's version (older: not migrated; newer: a newer Postback migrated it,
//   and this one must not write to it);
// - writes: no write transaction failed as a whole in the last half minute (a full disk, a file another process holds:
//   reads still answer, so the database check alone said ready while every publish answered 500). Without writes
//   the check clears after that window, and the traffic it lets back in tries again;
// - dispatcher (worker and all roles): its loop turned recently, so it is not stuck on a claim or dead.
// Once the process drains before shutting down (drain()), it answers not ready at once, checking nothing: a load
// balancer must stop routing here whatever the database says, and the answer must not wait on a database that is
// perhaps the reason for the restart.
import type { Store } from '../store/store.ts';

export type Check = { ok: boolean; detail: string };
export type ReadinessReport = { ready: boolean; checks: Record<string, Check> };
export type Readiness = {
  check(): Promise<ReadinessReport>;
  /** From now on, not ready: the process is shutting down (cli/shutdown.ts). It keeps serving meanwhile. */
  drain(): void;
  draining(): boolean;
};

/** Remembers when the dispatcher's loop last turned (fed by its observer). Starts at creation: a new process is alive. */
export type Heartbeat = { turned(now: number): void; lastTurnAt(): number };

export function createHeartbeat(now: number): Heartbeat {
  let last = now;
  return { turned: (at) => { last = at; }, lastTurnAt: () => last };
}

export type ReadinessDeps = {
  store: Pick<Store, 'schemaStatus' | 'lastWriteFailure'>;
  /** Null where no dispatcher runs (--role api). */
  heartbeat: Heartbeat | null;
  clock: () => number;
  /** A loop that has not turned for this long is stuck. The loop turns at least every POSTBACK_POLL_INTERVAL. */
  staleAfterMs: number;
  /** How long the database may take to answer the probe's query. */
  databaseTimeoutMs: number;
};

/** How long a failed write keeps the process not ready, unless a write commits first. */
export const writeFailureWindowMs = 30_000;

/** What /readyz says while the process drains. */
const drainingCheck: Check = { ok: false, detail: 'draining: this process is shutting down; it serves the requests it gets until its port closes, so send new traffic to another process' };

export function createReadiness(deps: ReadinessDeps): Readiness {
  let draining = false;
  return {
    drain: () => { draining = true; },
    draining: () => draining,
    async check() {
      if (draining) return { ready: false, checks: { shutdown: drainingCheck } };
      const checks: Record<string, Check> = {};
      try {
        const status = await withTimeout(deps.store.schemaStatus(), deps.databaseTimeoutMs);
        checks.database = { ok: true, detail: 'answers' };
        checks.migrations = status.version === status.expected
          ? { ok: true, detail: `schema version ${status.version}` }
          : { ok: false, detail: `schema version ${status.version}, this build expects ${status.expected}: ${status.version < status.expected ? 'run `postback migrate` (or restart: serve migrates)' : 'a newer Postback migrated this database; upgrade this process'}` };
      } catch (error) {
        checks.database = { ok: false, detail: `does not answer: ${(error as Error).message}` };
        checks.migrations = { ok: false, detail: 'unknown: the database does not answer' };
      }
      const failure = deps.store.lastWriteFailure();
      const failedAgoMs = failure === null ? Infinity : deps.clock() - failure.at;
      checks.writes = failedAgoMs < writeFailureWindowMs
        ? { ok: false, detail: `a write failed ${Math.round(failedAgoMs / 1000)} s ago: ${failure!.error}` }
        : { ok: true, detail: 'no write failed recently' };
      if (deps.heartbeat) {
        const silentMs = deps.clock() - deps.heartbeat.lastTurnAt();
        checks.dispatcher = silentMs <= deps.staleAfterMs
          ? { ok: true, detail: `loop turned ${Math.round(silentMs / 1000)} s ago` }
          : { ok: false, detail: `loop has not turned for ${Math.round(silentMs / 1000)} s (limit ${Math.round(deps.staleAfterMs / 1000)} s)` };
      }
      return { ready: Object.values(checks).every((check) => check.ok), checks };
    },
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms); });
  try { return await Promise.race([work, timeout]); } finally { clearTimeout(timer); }
}
