// One turn's calls as one statement: calls made within one event-loop turn (publishes from many HTTP requests) are
// queued and run together by `runMany`, one round trip and one transaction for all of them. On PostgreSQL most of a
// publish's cost is its statement and its transaction, not its rows (README Performance: batched publishes).
// - Calls whose keys meet (one event id or idempotency key twice) never share a batch: the later one goes in another
//   batch, a statement of its own, so each statement sees a key once and the database orders the two as it orders
//   two single calls.
// - A batch of one runs as `runOne` does alone.
// - When `runMany` throws, it wrote nothing (one autocommitted statement): each call runs again alone through
//   `runOne`, and fails only itself.
// Batches run side by side (each on its own connection from the pool); a turn that queues more than `maxBatch`
// calls runs them in several.

export type TurnBatch<Item, Result> = {
  keysOf(item: Item): string[];
  runOne(item: Item): Promise<Result>;
  /** One result per item, in order. */
  runMany(items: Item[]): Promise<Result[]>;
  maxBatch: number;
};

type Queued<Item, Result> = { item: Item; keys: string[]; resolve(result: Result): void; reject(error: unknown): void };

export function turnBatch<Item, Result>(batch: TurnBatch<Item, Result>): (item: Item) => Promise<Result> {
  let queued: Queued<Item, Result>[] = [];
  let scheduled = false;

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
    // take() always takes the first call left, so every call is in a batch by the end of this turn
    while (queued.length > 0) void run(take());
  }

  return (item) => new Promise<Result>((resolve, reject) => {
    queued.push({ item, keys: batch.keysOf(item), resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}
