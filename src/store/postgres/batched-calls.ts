// Many calls as one statement: calls are queued and run together by `runMany`, one round trip and one transaction
// for all of them. At most `maxInFlight` batches are out at once; while they are, new calls wait in the queue, so a
// batch's size follows the load: a lone call at low load runs at once, and at saturation each statement takes what
// arrived while the last ones ran (as the attempt records' group commit does, dispatch.ts). On PostgreSQL most of a
// publish's cost is its statement and its transaction, not its rows (README Performance: publishes in one statement).
// - Calls whose keys meet (one event id or idempotency key twice) never share a batch: the later one goes in another,
//   a statement of its own, so each statement sees a key once and the database orders the two as it orders two
//   single calls.
// - A batch of one runs as `runOne` does alone.
// - When `runMany` throws, it wrote nothing (one autocommitted statement): each call runs again alone through
//   `runOne`, and fails only itself.

export type BatchedCalls<Item, Result> = {
  keysOf(item: Item): string[];
  runOne(item: Item): Promise<Result>;
  /** One result per item, in order. */
  runMany(items: Item[]): Promise<Result[]>;
  maxBatch: number;
  /** Batches out at once; more calls wait for one of them to return. */
  maxInFlight: number;
};

type Queued<Item, Result> = { item: Item; keys: string[]; resolve(result: Result): void; reject(error: unknown): void };

export function batchedCalls<Item, Result>(batch: BatchedCalls<Item, Result>): (item: Item) => Promise<Result> {
  let queued: Queued<Item, Result>[] = [];
  let scheduled = false;
  let inFlight = 0;

  const schedule = () => {
    if (scheduled || queued.length === 0 || inFlight >= batch.maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
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

  const runAlone = (call: Queued<Item, Result>) => batch.runOne(call.item).then(call.resolve, call.reject);

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
