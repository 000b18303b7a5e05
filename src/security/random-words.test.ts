import assert from 'node:assert/strict';
import { test } from 'node:test';
import { V7Generator } from 'uuidv7';
import { bufferedRandomWords } from './random-words.ts';

test('bufferedRandomWords: each word is used once, and the next draw brings new ones', () => {
  const source = bufferedRandomWords();
  // four draws of 1,024
  const words = Array.from({ length: 4096 }, () => source.nextUint32());
  assert.ok(words.every((word) => Number.isInteger(word) && word >= 0 && word < 2 ** 32));
  // a word served twice repeats by the thousand; 4,096 random 32-bit words repeat one by chance about once in 500
  // runs, and two about once in a million
  assert.ok(new Set(words).size >= words.length - 1, 'words repeat across draws');
  // no draw repeats the one before it
  for (let draw = 1024; draw < words.length; draw += 1024) assert.notDeepEqual(words.slice(draw, draw + 1024), words.slice(draw - 1024, draw));
});

test('bufferedRandomWords: UUIDv7 ids from it are unique and in order within one millisecond', () => {
  const ids = new V7Generator(bufferedRandomWords());
  const made = Array.from({ length: 5000 }, () => ids.generateOrResetWithTs(1_800_000_000_000)!.toString());
  assert.equal(new Set(made).size, made.length);
  assert.deepEqual([...made].sort(), made);
  assert.ok(made.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)));
});
