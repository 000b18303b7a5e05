// Many calls as one statement: calls are queued and run together by `runMany`, one round trip and one transaction
// for all of them. At most `maxInFlight` batches are out at once; while they are, new calls wait in the queue, so a
// batch's size follows the load: a lone call at low load runs at once, and at saturation each statement takes what
// arrived while the last ones ran. Publishes (publish.ts) and delivered attempts' records (dispatch.ts) go this way: on
// PostgreSQL most of their cost is the statement and its transaction, not its rows (PERFORMANCE.md: publishes in one
// statement).
// - Calls whose keys meet (one event id or idempotency key, or one delivery, twice) never share a batch: the later one goes in another,
//   a statement of its own, so each statement sees a key once and the database orders the two as it orders two
//   single calls.
// - With `linger`, a short queue waits a moment for the rest of its burst before it goes (a publish's deliveries are
//   answered within a millisecond or two of each other), so below saturation a burst shares a statement; once the
//   queue is long it goes at once.
// - A batch of one runs as `runOne` does alone.
// - When `runMany` throws, it wrote nothing (one autocommitted statement): each call runs again alone through
//   `runOne`, and fails only itself.
import type { Linger } from '../record-linger.ts';

export type BatchedCalls<Item, Result> = {
  keysOf(item: Item): string[];
  /** One call alone; without it, `runMany` of that one. */
  runOne?(item: Item): Promise<Result>;
  /** One result per item, in order. */
  runMany(items: Item[]): Promise<Result[]>;
  maxBatch: number;
  /** Batches out at once; more calls wait for one of them to return. */
  maxInFlight: number;
  /** A queue shorter than `below` waits `ms` before it goes; a longer one goes at once. */
  linger?: Linger;
};

type Queued<Item, Result> = { item: Item; keys: string[]; resolve(result: Result): void; reject(error: unknown): void };

export function batchedCalls<Item, Result>(batch: BatchedCalls<Item, Result>): (item: Item) => Promise<Result> {
  let queued: Queued<Item, Result>[] = [];
  let scheduled = false;
  let inFlight = 0;
  let lingering: ReturnType<typeof setTimeout> | undefined;
  const { linger } = batch;

  const schedule = () => {
    if (queued.length === 0 || inFlight >= batch.maxInFlight) return;
    const short = linger !== undefined && queued.length < linger.below;
    // scheduled already, unless a lingering queue has just grown long: that one goes now
    if (scheduled && (short || lingering === undefined)) return;
    clearTimeout(lingering);
    scheduled = true;
    if (short) lingering = setTimeout(flush, linger.ms);
    else {
      lingering = undefined;
      setImmediate(flush);
    }
  };

  /** The queue's first calls whose keys meet no earlier taken one's, up to maxBatch; the rest stay queued. */
  const take = (): Queued<Item, Result>[] => {
    const taken: Queued<Item, Result>[] = [];
    const left: Queued<Item, Result>[] = [];
    const seen = new Set<string>();
    for (const call of queued) {
      if (taken.length < batch.maxBatch && !call.keys.some((key) => seen.has(key))) {
        taken.push(call);
        call.keys.forEach((key) => seen.add(key));
      } else {
        left.push(call);
      }
    }
    queued = left;
    return taken;
  };

  const runOne = batch.runOne ?? (async (item: Item) => (await batch.runMany([item]))[0]!);
  const runAlone = (call: Queued<Item, Result>) => runOne(call.item).then(call.resolve, call.reject);

  async function run(calls: Queued<Item, Result>[]): Promise<void> {
    if (calls.length === 1) return runAlone(calls[0]!);
    let results: Result[];
    try {
      results = await batch.runMany(calls.map((call) => call.item));
    } catch {
      await Promise.all(calls.map(runAlone));
      return;
    }
    calls.forEach((call, index) => call.resolve(results[index]!));
  }

  function flush(): void {
    scheduled = false;
    lingering = undefined;
    // take() always takes the first call left: each batch out makes progress
    while (queued.length > 0 && inFlight < batch.maxInFlight) {
      inFlight++;
      void run(take()).finally(() => {
        inFlight--;
        schedule();
      });
    }
  }

  return (item) => new Promise<Result>((resolve, reject) => {
    queued.push({ item, keys: batch.keysOf(item), resolve, reject });
    schedule();
  });
}
