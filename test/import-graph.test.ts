// The house has no import circles: a module's imports (type-only ones too) never lead back to it.
// A circle makes the load order decide what a module sees at start-up and hides which side owns a type;
// the shared part goes to a leaf module both sides import. This reads the import statements as text
// (enough for our own relative .ts imports) so it needs no dependency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const source = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

// Static `import ... from`, `export ... from`, side-effect `import '...'` and dynamic `import('...')`.
const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

export function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(specifier)]
      .map((match) => resolve(dirname(file), match[1]!))
      .filter((target) => known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

// Tarjan's strongly connected components: every component of more than one module (or a module that
// imports itself) is a circle.
export function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

test('no module in src/ reaches itself through its imports', () => {
  const graph = importGraph(sourceFiles(source));
  const named = circles(graph).map((component) => component.map((file) => relative(root, file)));
  assert.deepEqual(named, [], `import circles:\n${named.map((c) => c.join(' <-> ')).join('\n')}`);
});

// Layers the house keeps (DESIGN.md's layout): a pair [from, to] lists a folder of src/ that must never import another.
// domain/ holds pure rules and the types they own, so the store depends on the domain, never the reverse; each
// database's store shares what both need through src/store/ (rows.ts), never through the other's folder.
const forbidden: readonly [string, string][] = [
  ['src/domain/', 'src/store/'],
  ['src/store/postgres/', 'src/store/sqlite/'],
  ['src/store/sqlite/', 'src/store/postgres/'],
];

test('no folder imports one its layer must not depend on', () => {
  const graph = importGraph(sourceFiles(source));
  const crossings = [...graph].flatMap(([file, targets]) => targets.flatMap((target) => {
    const from = relative(root, file);
    const to = relative(root, target);
    return forbidden.some(([a, b]) => from.startsWith(a) && to.startsWith(b)) ? [`${from} -> ${to}`] : [];
  }));
  assert.deepEqual(crossings, []);
});

test('the circle finder sees a circle, including one through a type-only import', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
    ['e', ['e']],
  ]);
  assert.deepEqual(circles(graph), [['a', 'b', 'c'], ['e']]);
});
