// /tracking.js as `postback serve` serves it: the minified build of src/tracking/tracking.js, under 2 KB gzipped
// (the budget of a script every landing page loads), cacheable and loadable from any origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { affiliateLinkParameter } from '../src/domain/affiliate-link.ts';
import { originKeys } from '../src/domain/tracking-origin.ts';
import { minifyCarrier } from '../src/tracking/build-carrier.ts';
import { ensureCarrierBuilt } from './helpers/built-carrier.ts';
import { startPlatform } from './helpers/platform.ts';

const budget = 2048;

test('/tracking.js is the minified source, under 2 KB gzipped, cacheable from any origin', async () => {
  ensureCarrierBuilt();
  await using platform = await startPlatform();
  const minified = minifyCarrier();
  // undici's request() does not inflate: the bytes are what goes over the wire
  const response = await request(`${platform.url}/tracking.js`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(response.headers['content-encoding'], 'gzip');
  assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin');
  assert.match(String(response.headers['cache-control']), /public, max-age=\d+/);
  const gzipped = Buffer.from(await response.body.arrayBuffer());
  assert.ok(gzipped.length < budget, `tracking.js is ${gzipped.length} bytes gzipped; the budget is ${budget}`);
  assert.equal(gunzipSync(gzipped).toString('utf8'), minified, 'the served script is the build of the current source');
  assert.ok(minified.length < 0.5 * readFileSync(new URL('../src/tracking/tracking.js', import.meta.url), 'utf8').length, 'minified');

  const again = await fetch(`${platform.url}/tracking.js`, { headers: { 'if-none-match': String(response.headers.etag) } });
  assert.equal(again.status, 304);
  const plain = await fetch(`${platform.url}/tracking.js`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(await plain.text(), minified);
});

test('/tracking.js revalidates by weak comparison, one ETag per encoding (RFC 9110 13.1.2)', async () => {
  ensureCarrierBuilt();
  await using platform = await startPlatform();
  const get = (encoding: string, ifNoneMatch?: string) => request(`${platform.url}/tracking.js`,
    { headers: { 'accept-encoding': encoding, ...(ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch }) } });
  const etags: Record<string, string> = {};
  for (const encoding of ['br', 'gzip', 'identity']) {
    const response = await get(encoding);
    await response.body.dump();
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers.vary, 'accept-encoding');
    etags[encoding] = String(response.headers.etag);
  }
  assert.equal(new Set(Object.values(etags)).size, 3, `a cache must not answer one encoding's bytes for another's: ${JSON.stringify(etags)}`);

  const gzip = etags.gzip!;
  for (const validator of [gzip, `W/${gzip}`, `"other", ${gzip}`, `"a,b" ,W/${gzip},"c"`, '*', ` ${gzip} `]) {
    const response = await get('gzip', validator);
    assert.equal(response.statusCode, 304, validator);
    assert.equal(response.headers.etag, gzip, 'a 304 names the representation it confirms');
    assert.equal(await response.body.text(), '');
  }
  for (const [encoding, validator] of [['gzip', '"other"'], ['gzip', etags.br!], ['br', gzip], ['identity', `W/${gzip}`], ['gzip', gzip.slice(0, -1)]] as const) {
    const response = await get(encoding, validator);
    await response.body.dump();
    assert.equal(response.statusCode, 200, `${encoding} with ${validator}`);
    assert.equal(response.headers.etag, etags[encoding]);
  }
});

test('the script\'s tracking parameters are the checkout\'s origin keys and its affiliate code', () => {
  // a new click (any of them with a value) replaces what the script remembered; see the rules in tracking.js
  const source = readFileSync(new URL('../src/tracking/tracking.js', import.meta.url), 'utf8');
  const literal = /const trackingNames = (\[[^\]]*\]);/.exec(source)?.[1];
  assert.ok(literal, 'tracking.js declares trackingNames');
  assert.deepEqual(JSON.parse(literal.replaceAll("'", '"')), [...originKeys, affiliateLinkParameter]);
});
