// Hostile receivers through the real platform: each misbehaviour is one failed attempt whose cause is recorded in
// the delivery history, a healthy webhook in the same event is still delivered, and memory stays bounded.
import assert from 'node:assert/strict';
import type http from 'node:http';
import type net from 'node:net';
import { describe, it } from 'node:test';
import { createGzip } from 'node:zlib';
import { sampleData } from '../src/catalog/index.ts';
import type { Config } from '../src/config.ts';
import { startHttpReceiver, startRawReceiver, startSelfSignedHttpsReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';

const MiB = 1024 * 1024;
const deadlineMs = 1500;
const platformOptions: Partial<Config> = { allowNetworks: ['127.0.0.1/32'], attemptDeadlineMs: deadlineMs, retrySchedule: [0] };

type Attempt = { started_at: string; duration_ms: number; status_code: number | null; error: string | null; error_detail: string | null; response_headers: Record<string, string>; response_body: string };
type Detail = { status: string; attempts: number; attempt_history: Attempt[] };

/** One event to two webhooks, the hostile one and a healthy one; waits until both have settled. */
async function deliverToBoth(tenant: Tenant, hostileUrl: string, healthyUrl: string): Promise<{ hostile: Detail; healthy: Detail }> {
  const subscribe = async (name: string, url: string) => {
    const answer = await tenant.call('POST', '/api/v1/webhooks', { name, url, events: ['PURCHASE_APPROVED'] });
    assert.equal(answer.status, 201, answer.text);
    return answer.body.id as string;
  };
  const hostileHook = await subscribe('hostile', hostileUrl);
  await subscribe('healthy', healthyUrl);
  const published = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') });
  assert.equal(published.status, 202, published.text);
  const deliveries = published.body.deliveries as { id: string; webhook_id: string }[];
  const settled = (id: string) => eventually(`delivery ${id} to settle`, async () => {
    const detail = (await tenant.call('GET', `/api/v1/deliveries/${id}`)).body as Detail;
    return detail.status === 'delivered' || detail.status === 'failed' ? detail : undefined;
  }, 20_000);
  const [hostile, healthy] = await Promise.all([
    settled(deliveries.find((d) => d.webhook_id === hostileHook)!.id),
    settled(deliveries.find((d) => d.webhook_id !== hostileHook)!.id),
  ]);
  assert.equal(healthy.status, 'delivered', 'the healthy webhook of the same event is delivered');
  assert.equal(healthy.attempt_history[0]!.status_code, 200);
  return { hostile, healthy };
}

function failedWith(detail: Detail, cause: string): Attempt {
  assert.equal(detail.status, 'failed', JSON.stringify(detail.attempt_history));
  assert.equal(detail.attempts, 1);
  const attempt = detail.attempt_history[0]!;
  assert.equal(attempt.error, cause, JSON.stringify(attempt));
  return attempt;
}

const endOf = (attempt: Attempt) => Date.parse(attempt.started_at) + attempt.duration_ms;

/** A raw receiver that runs `respond` once the request has started to arrive. */
const onRequest = (respond: (socket: net.Socket) => void) => (socket: net.Socket) => { socket.once('data', () => respond(socket)); };

/** Streams `total` bytes from one reused 64 KiB chunk, honouring back-pressure; stops when the client hangs up. */
async function streamBody(res: http.ServerResponse, total: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'z');
  let sent = 0;
  res.on('error', () => {}); // the client hanging up mid-body is the point
  while (sent < total && !res.destroyed) {
    sent += chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
        res.on('drain', done).on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
  return sent;
}

/** gzip of `inflated` zero bytes, compressed as a stream so the inflated size is never held in memory. */
async function gzipBomb(inflated: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(MiB);
  for (let written = 0; written < inflated; written += MiB) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

describe('hostile receivers', { timeout: 60_000 }, () => {
  it('a receiver that never sends headers: timeout at the deadline; the healthy one is not held back', async () => {
    await using platform = await startPlatform(platformOptions);
    await using silent = await startRawReceiver(() => { /* accepts, reads, never answers */ });
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const { hostile, healthy: good } = await deliverToBoth(await platform.tenant(), silent.url, healthy.url);
    const attempt = failedWith(hostile, 'timeout');
    assert.equal(attempt.status_code, null);
    assert.match(attempt.error_detail ?? '', /no response within the 1500 ms deadline/);
    assert.ok(attempt.duration_ms >= deadlineMs - 50 && attempt.duration_ms < deadlineMs + 2000, `${attempt.duration_ms} ms`);
    assert.ok(endOf(good.attempt_history[0]!) < endOf(attempt), 'the healthy delivery finished while the hostile one hung');
  });

  it('a body trickled one byte every 200 ms: timeout at the total deadline, with what arrived kept', async () => {
    await using platform = await startPlatform(platformOptions);
    const timers = new Set<NodeJS.Timeout>();
    await using trickler = await startRawReceiver(onRequest((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n');
      const timer = setInterval(() => socket.write('x'), 200);
      timers.add(timer);
      socket.on('close', () => clearInterval(timer));
    }));
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    try {
      const { hostile, healthy: good } = await deliverToBoth(await platform.tenant(), trickler.url, healthy.url);
      const attempt = failedWith(hostile, 'timeout');
      assert.equal(attempt.status_code, 200, 'the status line that did arrive is recorded');
      assert.match(attempt.error_detail ?? '', /response body not complete within the 1500 ms deadline/);
      assert.match(attempt.response_body, /^x{1,10}$/);
      assert.ok(attempt.duration_ms < deadlineMs + 2000, `${attempt.duration_ms} ms`);
      assert.ok(endOf(good.attempt_history[0]!) < endOf(attempt));
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  });

  it('a 100 MiB body: too_large after POSTBACK_RESPONSE_MAX_BYTES, read as a stream with memory bounded', async () => {
    await using platform = await startPlatform(platformOptions);
    let streamed: Promise<number> | undefined;
    await using flood = await startHttpReceiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(100 * MiB) });
      streamed = streamBody(res, 100 * MiB);
    });
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const tenant = await platform.tenant();
    const rssBefore = process.memoryUsage().rss;
    const { hostile } = await deliverToBoth(tenant, flood.url, healthy.url);
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    const attempt = failedWith(hostile, 'too_large');
    assert.equal(attempt.status_code, 200);
    assert.match(attempt.error_detail ?? '', new RegExp(`exceeds ${platform.config.maxResponseBytes} bytes`));
    assert.equal(attempt.response_body, 'z'.repeat(platform.config.maxKeptResponseBytes), 'only the capped prefix is kept');
    const sent = await streamed!;
    assert.ok(sent < 100 * MiB, `the platform hung up early instead of reading it all (receiver wrote ${sent} bytes)`);
    assert.ok(rssGrowth < 64 * MiB, `RSS grew by ${(rssGrowth / MiB).toFixed(1)} MiB`);
  });

  it('a gzip bomb is kept raw and capped: never inflated, and a 200 is delivered', async () => {
    await using platform = await startPlatform(platformOptions);
    const bomb = await gzipBomb(64 * MiB); // 64 MiB of zeros in about 64 KiB
    assert.ok(bomb.length < platform.config.maxResponseBytes, 'the compressed bytes are under the read cap, so this is a 200 that counts');
    await using bomber = await startHttpReceiver((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' }).end(bomb);
    });
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const { hostile } = await deliverToBoth(await platform.tenant(), bomber.url, healthy.url);
    assert.equal(hostile.status, 'delivered');
    const attempt = hostile.attempt_history[0]!;
    assert.equal(attempt.status_code, 200);
    assert.equal(attempt.response_headers['content-encoding'], 'gzip');
    assert.equal(attempt.response_body.charCodeAt(0), 0x1f, 'the kept body is the gzip stream itself, not inflated zeros');
    assert.ok(attempt.response_body.length <= platform.config.maxKeptResponseBytes, `kept ${attempt.response_body.length} characters`);
    assert.equal(bomber.requests[0]?.headers['accept-encoding'], undefined, 'compression was never asked for');
  });

  it('10,000 response headers: headers_too_large', async () => {
    await using platform = await startPlatform(platformOptions);
    const flood = Array.from({ length: 10_000 }, (_, i) => `X-Flood-${i}: value\r\n`).join('');
    await using flooder = await startRawReceiver(onRequest((socket) => { socket.write(`HTTP/1.1 200 OK\r\n${flood}Content-Length: 2\r\n\r\nok`); }));
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const { hostile } = await deliverToBoth(await platform.tenant(), flooder.url, healthy.url);
    failedWith(hostile, 'headers_too_large');
  });

  it('a redirect loop: the 3xx is recorded and not followed, so the loop target gets exactly 1 request', async () => {
    await using platform = await startPlatform(platformOptions);
    let self = '';
    await using looper = await startHttpReceiver((req, res) => { res.writeHead(302, { location: `${self}${req.url === '/' ? '/again' : '/'}` }).end(); });
    self = looper.url;
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const { hostile } = await deliverToBoth(await platform.tenant(), `${looper.url}/`, healthy.url);
    assert.equal(hostile.status, 'failed');
    const attempt = hostile.attempt_history[0]!;
    assert.equal(attempt.status_code, 302);
    assert.match(attempt.error_detail ?? '', /redirect to .*\/again not followed/);
    assert.equal(looper.requests.length, 1);
  });

  it('TLS with a self-signed certificate: tls, and no request is sent', async (t) => {
    await using platform = await startPlatform(platformOptions);
    const selfSigned = await startSelfSignedHttpsReceiver((_req, res) => res.end('ok'));
    if (selfSigned === undefined) {
      t.skip('openssl is not installed, so no self-signed certificate can be made');
      return;
    }
    await using _selfSigned = selfSigned;
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const { hostile } = await deliverToBoth(await platform.tenant(), selfSigned.url, healthy.url);
    const attempt = failedWith(hostile, 'tls');
    assert.match(attempt.error_detail ?? '', /self-signed certificate/);
    assert.equal(selfSigned.requests.length, 0);
  });

  it('a connection reset mid-response: reset, with what arrived before it', async () => {
    await using platform = await startPlatform(platformOptions);
    await using resetter = await startRawReceiver(onRequest((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial', () => setTimeout(() => socket.resetAndDestroy(), 50));
    }));
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const { hostile } = await deliverToBoth(await platform.tenant(), resetter.url, healthy.url);
    const attempt = failedWith(hostile, 'reset');
    assert.equal(attempt.status_code, 200);
    assert.equal(attempt.response_body, 'partial');
  });
});
