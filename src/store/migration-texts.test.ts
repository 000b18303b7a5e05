// Migrations only add. A migration that has run somewhere is never edited: a database migrated before the edit would
// report this build's version and be ready, yet differ from a fresh one (it happened once: version 21's trigger got
// its plan settings in place, and version 30 had to set them again). Each migration's text is pinned here by its hash;
// a new migration appends its own (print the list with the command in the message).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { postgresMigrations } from './postgres/migrations.ts';
import { sqliteMigrations } from './sqlite/migrations.ts';

const pinned = JSON.parse(readFileSync(new URL('./migration-texts.json', import.meta.url), 'utf8')) as { sqlite: string[]; postgres: string[] };
const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

for (const [store, migrations] of [['sqlite', sqliteMigrations], ['postgres', postgresMigrations]] as const) {
  test(`the ${store} migrations that ran anywhere are as they were, and every one is pinned`, () => {
    const hashes = migrations.map(hashOf);
    for (const [index, hash] of pinned[store].entries()) {
      assert.equal(hashes[index], hash, `${store} migration ${index + 1} was edited after it was released: revert it, and write a new migration that makes the change`);
    }
    assert.deepEqual(hashes.slice(pinned[store].length), [], `${store} migrations ${pinned[store].length + 1}+ are new: append their hashes to src/store/migration-texts.json`);
  });
}
