import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { attemptSignal } from './attempt-signal.ts';

test('an attempt signal fires at its deadline or at shutdown, says which, and once disposed neither fires it', async () => {
  const byDeadline = attemptSignal(20);
  await sleep(60);
  assert.equal(byDeadline.signal.aborted, true);
  assert.equal(byDeadline.abortedBy(), 'deadline');
  assert.equal((byDeadline.signal.reason as DOMException).name, 'TimeoutError');

  const shutdown = new AbortController();
  const byShutdown = attemptSignal(10_000, shutdown.signal);
  shutdown.abort(new Error('stopping'));
  assert.equal(byShutdown.abortedBy(), 'shutdown');
  assert.equal((byShutdown.signal.reason as Error).message, 'stopping', 'the shutdown reason is passed on');
  byShutdown.dispose();

  assert.equal(attemptSignal(10_000, shutdown.signal).abortedBy(), 'shutdown', 'a shutdown already under way');

  const live = new AbortController();
  const finished = attemptSignal(20, live.signal);
  finished.dispose();
  await sleep(60);
  live.abort();
  assert.equal(finished.signal.aborted, false, 'a finished attempt is not aborted later by its deadline or by shutdown');
  assert.equal(finished.abortedBy(), undefined);
});
