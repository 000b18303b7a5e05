// The published package as Node resolves it: `main` names a file that is in the package (`files`) and exports the
// node and its credentials, so require('n8n-nodes-postback') works (n8n itself loads the paths in the `n8n` section).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; files: string[]; n8n: { nodes: string[]; credentials: string[] } };

test('package.json main exists, is published, and exports PostbackTrigger and PostbackApi', () => {
  assert.ok(existsSync(join(root, manifest.main)), `${manifest.main} exists`);
  assert.ok(manifest.files.some((entry) => manifest.main === entry || manifest.main.startsWith(`${entry}/`)), `${manifest.main} is in files`);
  const exported = createRequire(join(root, 'package.json'))(join(root, manifest.main)) as Record<string, new () => { description?: { name: string }; name?: string }>;
  assert.equal(new exported.PostbackTrigger!().description!.name, 'postbackTrigger');
  assert.equal(new exported.PostbackApi!().name, 'postbackApi');
  for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) assert.ok(existsSync(join(root, file)), file);
});
