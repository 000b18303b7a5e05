import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heapLimitFor } from './heap-limit.ts';

test('a worker is capped at 192 MB by default; api and all keep Node\'s default; an operator\'s value or node flag wins', () => {
  assert.deepEqual(heapLimitFor({ heapLimitMb: 'auto', role: 'worker' }, ''), { oldSpaceMb: 192, semiSpaceMb: 8 });
  assert.equal(heapLimitFor({ heapLimitMb: 'auto', role: 'all' }, ''), null);
  assert.equal(heapLimitFor({ heapLimitMb: 'auto', role: 'api' }, ''), null);
  assert.deepEqual(heapLimitFor({ heapLimitMb: 1024, role: 'all' }, ''), { oldSpaceMb: 1024, semiSpaceMb: 16 });
  assert.deepEqual(heapLimitFor({ heapLimitMb: 64, role: 'api' }, ''), { oldSpaceMb: 64, semiSpaceMb: 2 });
  assert.equal(heapLimitFor({ heapLimitMb: 0, role: 'worker' }, ''), null, '0 is Node\'s default');
  assert.equal(heapLimitFor({ heapLimitMb: 'auto', role: 'worker' }, '--cpu-prof --max-old-space-size=512'), null, 'the operator\'s flag is kept');
  assert.deepEqual(heapLimitFor({ heapLimitMb: 'auto', role: 'worker' }, '--max-semi-space-size=4'), { oldSpaceMb: 192, semiSpaceMb: 8 });
});
