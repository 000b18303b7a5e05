// SECURITY.md names, for each threat, the test that covers it. This keeps every name true: each quoted test name
// must be a test of the file named before it (a title with ${...} in it matches any text there).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** The titles of the tests a file declares, as patterns. */
function testTitles(source: string): RegExp[] {
  const titles = [...source.matchAll(/\b(?:test|withStore|it)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((match) => match[2]!.replace(/\\(.)/g, '$1'));
  return titles.map((title) => new RegExp(`^${title.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`));
}

test('every test SECURITY.md names exists, in the file it names', () => {
  const doc = read('SECURITY.md');
  const citations = [...doc.matchAll(/((?:src|test)\/[\w/.-]+\.test\.ts): ((?:"[^"]+"(?:, )?)+)/g)];
  assert.ok(citations.length >= 25, `SECURITY.md cites ${citations.length} test files`);
  for (const [, file, names] of citations) {
    assert.ok(existsSync(new URL(file!, root)), `${file} exists`);
    const titles = testTitles(read(file!));
    for (const [, name] of names!.matchAll(/"([^"]+)"/g)) {
      assert.ok(titles.some((title) => title.test(name!)), `${file} has a test named "${name}"`);
    }
  }
});
