import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { maxJsonDepth } from '../api/json-body.ts';
import { checkPayloadCommand } from '../cli/check-payload.ts';
import { checkPayloadFiles, legacyStatuses, renderLegacyForm, sampleData } from './index.ts';
import { largestEventBytes } from './check-files.ts';
import { loadFixture } from './test-fixtures.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postback-check-payload-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const lines = { log: [] as string[], error: [] as string[] };
  return { lines, out: { log: (s: string) => lines.log.push(s), error: (s: string) => lines.error.push(s) } };
}

async function write(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

test('all valid files: exit 0 and "ok FILE" for each', async () => {
  const a = await write('approved.json', JSON.stringify(await loadFixture('PURCHASE_APPROVED.json')));
  const b = await write('club.json', JSON.stringify(await loadFixture('CLUB_FIRST_ACCESS.json')));
  const { lines, out } = capture();
  assert.equal(await checkPayloadCommand([a, b], out), 0);
  assert.deepEqual(lines.log, [`ok ${a}`, `ok ${b}`]);
  assert.deepEqual(lines.error, []);
});

test('one invalid file and one not JSON: exit 1, both named, with the field path', async () => {
  const payload = (await loadFixture('PURCHASE_REFUNDED.json')) as { data: { purchase: Record<string, unknown> } };
  delete payload.data.purchase.transaction;
  const invalid = await write('refunded.json', JSON.stringify(payload));
  const broken = await write('broken.json', '{"id": "x",');
  const valid = await write('valid.json', JSON.stringify(await loadFixture('SWITCH_PLAN.json')));
  const { lines, out } = capture();
  assert.equal(await checkPayloadCommand([invalid, broken, valid], out), 1);
  assert.deepEqual(lines.log, [`ok ${valid}`]);
  assert.equal(lines.error.length, 2);
  assert.equal(lines.error[0], `${invalid}: data.purchase.transaction: Required`);
  assert.ok(lines.error[1]!.startsWith(`${broken}: Not valid JSON: `), lines.error[1]);
});

test('an unreadable file is an issue, not a crash', async () => {
  const missing = join(dir, 'does-not-exist.json');
  const [result] = await checkPayloadFiles([missing]);
  assert.equal(result?.ok, false);
  assert.equal(result?.issues[0]?.path, '');
  assert.match(result?.issues[0]?.message ?? '', /^Cannot read the file: .*ENOENT/);
  const { lines, out } = capture();
  assert.equal(await checkPayloadCommand([missing], out), 1);
  assert.match(lines.error[0] ?? '', /does-not-exist\.json: Cannot read the file/);
});

test('a file larger than any webhook body is an issue, read no further than that (a device that never ends too)', async () => {
  const large = join(dir, 'large.json');
  await writeFile(large, `{"data":"${'a'.repeat(largestEventBytes)}"}`);
  const paths = [large, ...(process.platform === 'linux' ? ['/dev/zero'] : [])];
  for (const result of await checkPayloadFiles(paths)) {
    assert.deepEqual(result.issues, [{ path: '', message: 'Larger than 16 MB: no webhook body is that large' }], result.file);
  }
});

test('no paths: usage and exit 2', async () => {
  const { lines, out } = capture();
  assert.equal(await checkPayloadCommand([], out), 2);
  assert.equal(await checkPayloadCommand(['--affiliate'], out), 2, 'the flag alone names no file');
  assert.match(lines.error.join('\n'), /usage: postback check-payload \[--affiliate\] FILE/);
  assert.deepEqual(lines.log, []);
});

test('a form-encoded file is checked as a 1.0.0 body: valid passes, each failing field is named', async () => {
  const body = new URLSearchParams(renderLegacyForm('PURCHASE_APPROVED', sampleData('PURCHASE_APPROVED'), 'hottok_0123456789abcdef'));
  const valid = await write('approved.form', `${body.toString()}\n`);
  body.delete('transaction');
  body.set('status', 'APPROVED');
  body.set('email', '');
  const invalid = await write('approved-broken.form', body.toString());
  const { lines, out } = capture();
  assert.equal(await checkPayloadCommand([valid, invalid], out), 1);
  assert.deepEqual(lines.log, [`ok ${valid}`]);
  assert.deepEqual(lines.error.sort(), [
    `${invalid}: email: Must not be empty`,
    `${invalid}: status: Unknown status "APPROVED"; expected one of ${legacyStatuses.join(', ')}`,
    `${invalid}: transaction: Required`,
  ]);
});

test('a body nested deeper than the API takes (json_too_deep) is refused; one at the limit passes', async () => {
  const payload = (await loadFixture('PURCHASE_APPROVED.json')) as { data: Record<string, unknown> };
  const nested = (levels: number): unknown => (levels === 0 ? 1 : { x: nested(levels - 1) });
  // the envelope and data are two levels: `extra` takes the rest (unknown keys are allowed in data)
  const at = await write('at-limit.json', JSON.stringify({ ...payload, data: { ...payload.data, extra: nested(maxJsonDepth - 2) } }));
  const past = await write('past-limit.json', JSON.stringify({ ...payload, data: { ...payload.data, extra: nested(maxJsonDepth - 1) } }));
  const [atLimit, pastLimit] = await checkPayloadFiles([at, past]);
  assert.deepEqual(atLimit?.issues, []);
  assert.deepEqual(pastLimit?.issues, [{ path: '', message: `Nests objects and arrays more than ${maxJsonDepth} levels deep: Postback's API refuses such a body (json_too_deep)` }]);
});

test('a file that is not UTF-8 (a Latin-1 export) is refused, not read with its accents replaced', async () => {
  const text = JSON.stringify(await loadFixture('PURCHASE_APPROVED.json')).replace(/"name":"[^"]*"/, '"name":"João Conceição"');
  const latin1 = join(dir, 'latin1.json');
  await writeFile(latin1, Buffer.from(text, 'latin1'));
  const utf8 = await write('utf8.json', text);
  const [refused, accepted] = await checkPayloadFiles([latin1, utf8]);
  assert.deepEqual(refused?.issues, [{ path: '', message: 'Not UTF-8 text: webhook bodies are UTF-8 (convert the file, e.g. iconv -f latin1 -t utf-8)' }]);
  assert.equal(accepted?.ok, true, JSON.stringify(accepted?.issues));
});
