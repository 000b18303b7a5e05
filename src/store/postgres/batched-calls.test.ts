// batchedCalls without a database: what goes in one batch, what runs alone, and who gets which result.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { batchedCalls } from './batched-calls.ts';

type Call = { key: string; value: number };

/** A batcher over `Call`s that records each batch it runs; `failOn`: the value whose batch throws, and which throws alone too. */
function recorded(options: { maxBatch?: number; maxInFlight?: number; failOn?: number; held?: Promise<void>; linger?: { ms: number; below: number } } = {}) {
  const batches: number[][] = [];
  const alone: number[] = [];
  const run = batchedCalls<Call, string>({
    keysOf: (call) => [call.key],
    runOne: async (call) => {
      alone.push(call.value);
      if (call.value === options.failOn) throw new Error(`value ${call.value} fails`);
      return `one ${call.value}`;
    },
    runMany: async (calls) => {
      batches.push(calls.map((call) => call.value));
      await options.held;
      if (options.failOn !== undefined && calls.some((call) => call.value === options.failOn)) throw new Error('the batch fails');
      return calls.map((call) => `many ${call.value}`);
    },
    maxBatch: options.maxBatch ?? 64,
    maxInFlight: options.maxInFlight ?? 8,
    ...(options.linger === undefined ? {} : { linger: options.linger }),
  });
  return { run, batches, alone };
}

test('one turn\'s calls run as one batch, each gets its own result in order', async () => {
  const { run, batches, alone } = recorded();
  const results = await Promise.all([1, 2, 3, 4].map((value) => run({ key: `k${value}`, value })));
  assert.deepEqual(results, ['many 1', 'many 2', 'many 3', 'many 4']);
  assert.deepEqual(batches, [[1, 2, 3, 4]]);
  assert.deepEqual(alone, []);
});

test('calls in different turns are different batches; a lone call runs as runOne', async () => {
  const { run, batches, alone } = recorded();
  assert.equal(await run({ key: 'a', value: 1 }), 'one 1');
  const results = await Promise.all([run({ key: 'b', value: 2 }), run({ key: 'c', value: 3 })]);
  assert.deepEqual(results, ['many 2', 'many 3']);
  assert.deepEqual([batches, alone], [[[2, 3]], [1]]);
});

test('two calls with one key never share a batch; the later goes in another, in the same turn', async () => {
  const { run, batches, alone } = recorded();
  const results = await Promise.all([run({ key: 'x', value: 1 }), run({ key: 'y', value: 2 }), run({ key: 'x', value: 3 }), run({ key: 'x', value: 4 })]);
  assert.deepEqual(results, ['many 1', 'many 2', 'one 3', 'one 4']);
  assert.deepEqual([batches, alone], [[[1, 2]], [3, 4]]);
});

test('a turn with more calls than maxBatch runs several batches', async () => {
  const { run, batches } = recorded({ maxBatch: 3 });
  const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((value) => run({ key: `k${value}`, value })));
  assert.deepEqual(results, [1, 2, 3, 4, 5, 6].map((value) => `many ${value}`).concat('one 7'));
  assert.deepEqual(batches, [[1, 2, 3], [4, 5, 6]]);
});

test('when the batch fails, each call runs alone and only the failing one fails', async () => {
  const { run, batches, alone } = recorded({ failOn: 2 });
  const results = await Promise.allSettled([1, 2, 3].map((value) => run({ key: `k${value}`, value })));
  assert.deepEqual(results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message)), ['one 1', 'value 2 fails', 'one 3']);
  assert.deepEqual([batches, alone.sort()], [[[1, 2, 3]], [1, 2, 3]]);
});

test('while maxInFlight batches are out, new calls wait, and go out together when one returns', async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  const { run, batches } = recorded({ maxInFlight: 1, held });
  const first = Promise.all([run({ key: 'a', value: 1 }), run({ key: 'b', value: 2 })]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(batches, [[1, 2]], 'the first batch is out');
  // three calls over three later turns, while the first batch is still out
  const later: Promise<string>[] = [];
  for (const value of [3, 4, 5]) {
    later.push(run({ key: `k${value}`, value }));
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(batches, [[1, 2]], 'nothing more goes out while it is');
  release();
  assert.deepEqual(await first, ['many 1', 'many 2']);
  assert.deepEqual(await Promise.all(later), ['many 3', 'many 4', 'many 5']);
  assert.deepEqual(batches, [[1, 2], [3, 4, 5]]);
});

test('with linger, a short queue waits for the rest of its burst; a queue as long as `below` goes at once', async (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const { run, batches } = recorded({ linger: { ms: 2, below: 4 } });
  const burst: Promise<string>[] = [];
  for (const value of [1, 2, 3]) {
    burst.push(run({ key: `k${value}`, value }));
    await turn();
  }
  assert.deepEqual(batches, [], 'three calls over three turns wait');
  mock.timers.tick(2);
  assert.deepEqual(await Promise.all(burst), ['many 1', 'many 2', 'many 3']);
  const full = Promise.all([4, 5, 6, 7].map((value) => run({ key: `k${value}`, value })));
  await turn();
  assert.deepEqual(batches, [[1, 2, 3], [4, 5, 6, 7]], 'four calls in one turn go without waiting for the clock');
  await full;
});
