import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { closedPort, startHttpReceiver, startRawReceiver, startSelfSignedHttpsReceiver } from '../../test/helpers/hostile-receivers.ts';
import { classifyFailure } from './classify-failure.ts';
import { createHttpClient } from './http-client.ts';
import { send } from './send.ts';
import type { SendLimits, SendOutcome } from './send.ts';

const limits: SendLimits = { deadlineMs: 3_000, maxKeptBytes: 1024, maxResponseBytes: 1024 * 1024 };
const shortDeadline: SendLimits = { ...limits, deadlineMs: 300 };
const json = (body: string) => ({ url: '', headers: { 'content-type': 'application/json' }, body });

function expectResponse(outcome: SendOutcome) {
  assert.equal(outcome.kind, 'response', `expected a response, got ${JSON.stringify(outcome)}`);
  return outcome.response;
}

function expectFailure(outcome: SendOutcome) {
  assert.equal(outcome.kind, 'network_error', `expected a network error, got ${JSON.stringify(outcome).slice(0, 300)}`);
  return outcome;
}

/** A raw receiver runs `respond` once the request head has arrived. */
function onRequest(respond: (socket: import('node:net').Socket) => void) {
  return (socket: import('node:net').Socket) => socket.once('data', () => respond(socket));
}

describe('send', { timeout: 20_000 }, () => {
  it('POSTs the exact headers and body bytes and returns the answer with lower-cased, joined headers', async () => {
    await using receiver = await startHttpReceiver((_req, res) => {
      res.setHeader('X-Receiver-Id', 'r-1');
      res.setHeader('X-Multi', ['a', 'b']);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok, got it');
    });
    await using client = createHttpClient();
    const body = Buffer.from('{"id":"çé€","n":1}\n', 'utf8');
    const outcome = await send(client, {
      url: `${receiver.url}/hooks/sale?x=1`,
      headers: { 'Content-Type': 'application/json', 'X-HOTMART-HOTTOK': 'tok-123', 'webhook-id': 'msg_1', 'Accept-Encoding': 'gzip' },
      body,
    }, limits);

    const response = expectResponse(outcome);
    assert.equal(response.status, 200);
    assert.equal(response.body, 'ok, got it');
    assert.equal(response.bodyTruncated, false);
    assert.equal(response.headers['x-receiver-id'], 'r-1');
    assert.equal(response.headers['x-multi'], 'a, b');
    assert.equal(response.headers['content-type'], 'text/plain');
    assert.ok(Object.keys(response.headers).every((name) => name === name.toLowerCase()));
    assert.ok(response.durationMs >= 0 && response.durationMs < 3_000);

    assert.equal(receiver.requests.length, 1);
    const received = receiver.requests[0]!;
    assert.equal(received.method, 'POST');
    assert.equal(received.url, '/hooks/sale?x=1');
    assert.equal(received.headers['x-hotmart-hottok'], 'tok-123');
    assert.equal(received.headers['webhook-id'], 'msg_1');
    assert.equal(received.headers['content-type'], 'application/json');
    assert.equal(received.headers['accept-encoding'], undefined, 'never asks for compression');
    assert.deepEqual(received.body, body);
  });

  it('returns a redirect as a response and never follows it', async () => {
    await using target = await startHttpReceiver((_req, res) => res.end('should not be reached'));
    await using receiver = await startHttpReceiver((_req, res) => {
      res.writeHead(302, { Location: `${target.url}/elsewhere` }).end();
    });
    await using client = createHttpClient();
    const response = expectResponse(await send(client, { ...json('{}'), url: `${receiver.url}/hook` }, limits));
    assert.equal(response.status, 302);
    assert.equal(response.headers.location, `${target.url}/elsewhere`);
    assert.equal(target.requests.length, 0);
    assert.equal(target.connections(), 0);
  });

  it('times out at the deadline when the receiver never answers', async () => {
    await using receiver = await startRawReceiver(() => {});
    await using client = createHttpClient();
    const started = performance.now();
    const failure = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, shortDeadline));
    assert.equal(failure.cause, 'timeout');
    assert.equal(failure.partial, undefined);
    assert.ok(performance.now() - started < 5_000);
    assert.ok(failure.durationMs >= 250, `ended before the deadline: ${failure.durationMs}`);
  });

  it('times out at the deadline while still connecting (a TLS handshake that never completes)', async () => {
    await using receiver = await startRawReceiver(() => {}); // accepts TCP, never speaks TLS
    await using client = createHttpClient();
    const started = performance.now();
    const url = receiver.url.replace('http:', 'https:');
    const failure = expectFailure(await send(client, { ...json('{}'), url }, shortDeadline));
    assert.equal(failure.cause, 'timeout');
    assert.match(failure.detail, /no response within the 300 ms deadline/);
    assert.ok(performance.now() - started < 2_000, 'the deadline, not the 10 s connect timeout, ended it');
  });

  it('times out at the deadline when the body trickles one byte at a time', async () => {
    const timers = new Set<NodeJS.Timeout>();
    await using receiver = await startRawReceiver(onRequest((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
      const timer = setInterval(() => socket.write('x'), 100);
      timers.add(timer);
      socket.on('close', () => clearInterval(timer));
    }));
    await using client = createHttpClient();
    try {
      const started = performance.now();
      const failure = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, shortDeadline));
      assert.equal(failure.cause, 'timeout');
      assert.ok(performance.now() - started < 5_000);
      assert.equal(failure.partial?.status, 200, 'the answer received before the deadline is kept');
      assert.match(failure.partial?.body ?? '', /^x+$/);
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  });

  it('stops reading past maxResponseBytes and reports too_large with the kept prefix', async () => {
    await using receiver = await startHttpReceiver((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.on('error', () => {}); // we hang up mid-body, on purpose
      res.end(Buffer.alloc(5 * 1024 * 1024, 'a'));
    });
    await using client = createHttpClient();
    const failure = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(failure.cause, 'too_large');
    assert.equal(failure.partial?.status, 200);
    assert.equal(failure.partial?.headers['content-type'], 'text/plain');
    assert.equal(failure.partial?.body, 'a'.repeat(1024));
  });

  it('keeps only maxKeptBytes of a body under maxResponseBytes and marks it truncated', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end(Buffer.alloc(200 * 1024, 'b')));
    await using client = createHttpClient();
    const response = expectResponse(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(response.status, 200);
    assert.equal(response.bodyTruncated, true);
    assert.equal(response.body.length, limits.maxKeptBytes);
    assert.equal(response.body, 'b'.repeat(1024));
  });

  it('keeps a gzip bomb as raw capped bytes and never inflates it', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in about 64 KiB
    assert.ok(bomb.length < limits.maxResponseBytes);
    await using receiver = await startHttpReceiver((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' }).end(bomb);
    });
    await using client = createHttpClient();
    const response = expectResponse(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(response.headers['content-encoding'], 'gzip');
    assert.equal(response.bodyTruncated, true, 'only the compressed bytes were read, and they exceed the kept cap');
    assert.equal(response.body.charCodeAt(0), 0x1f, 'the body starts with the gzip magic, not inflated zeros');
    assert.ok(Buffer.byteLength(response.body) < 4 * limits.maxKeptBytes);
    assert.equal(receiver.requests[0]?.headers['accept-encoding'], undefined);
  });

  it('reports a flood of response headers as headers_too_large', async () => {
    const flood = Array.from({ length: 10_000 }, (_, i) => `X-Flood-${i}: value\r\n`).join('');
    await using receiver = await startRawReceiver(onRequest((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\n${flood}Content-Length: 2\r\n\r\nok`);
    }));
    await using client = createHttpClient();
    const failure = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(failure.cause, 'headers_too_large');
  });

  it('reports a closed port as refused', async () => {
    const port = await closedPort();
    await using client = createHttpClient();
    const failure = expectFailure(await send(client, { ...json('{}'), url: `http://127.0.0.1:${port}/` }, limits));
    assert.equal(failure.cause, 'refused');
    assert.match(failure.detail, /ECONNREFUSED 127\.0\.0\.1/);
  });

  it('reports a connection reset mid-response as reset, with what arrived before it', async () => {
    await using receiver = await startRawReceiver(onRequest((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial', () => {
        setTimeout(() => socket.resetAndDestroy(), 50);
      });
    }));
    await using client = createHttpClient();
    const failure = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(failure.cause, 'reset');
    assert.equal(failure.partial?.status, 200);
    assert.equal(failure.partial?.body, 'partial');
  });

  it('reports a self-signed certificate as tls', async (t) => {
    const receiver = await startSelfSignedHttpsReceiver((_req, res) => res.end('ok'));
    if (receiver === undefined) {
      t.skip('openssl is not installed, so no self-signed certificate can be made');
      return;
    }
    await using _receiver = receiver;
    await using client = createHttpClient();
    const failure = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(failure.cause, 'tls');
    assert.equal(failure.detail, 'self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)');
    assert.equal(receiver.requests.length, 0);
  });

  it('reports a name that does not exist as dns_not_found', async () => {
    await using client = createHttpClient();
    const failure = expectFailure(await send(client, { ...json('{}'), url: 'http://nonexistent.invalid/' }, limits));
    assert.equal(failure.cause, 'dns_not_found');
    assert.match(failure.detail, /ENOTFOUND nonexistent\.invalid/);
  });

  it('reports an abort by the shutdown signal as aborted, not timeout', async () => {
    const shutdown = new AbortController();
    await using receiver = await startHttpReceiver(() => shutdown.abort()); // never answers
    await using client = createHttpClient();
    const failure = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, limits, shutdown.signal));
    assert.equal(failure.cause, 'aborted');
    assert.ok(failure.durationMs < limits.deadlineMs);
  });

  it('reuses one keep-alive socket for sequential sends to the same receiver', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
    await using client = createHttpClient();
    for (const n of [1, 2, 3]) {
      const response = expectResponse(await send(client, { ...json(`{"n":${n}}`), url: receiver.url }, limits));
      assert.equal(response.status, 200);
    }
    assert.equal(receiver.requests.length, 3);
    assert.equal(receiver.connections(), 1);
  });

  it('still reuses the socket after discarding a body beyond maxKeptBytes', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end(Buffer.alloc(100 * 1024, 'c')));
    await using client = createHttpClient();
    expectResponse(await send(client, { ...json('{}'), url: receiver.url }, limits));
    expectResponse(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(receiver.connections(), 1);
  });

  it('returns 4xx and 5xx answers as responses; the caller decides what counts as delivered', async () => {
    await using receiver = await startHttpReceiver((req, res) => {
      res.writeHead(req.url === '/gone' ? 410 : 503, { 'Retry-After': '120' }).end('nope');
    });
    await using client = createHttpClient();
    const gone = expectResponse(await send(client, { ...json('{}'), url: `${receiver.url}/gone` }, limits));
    assert.equal(gone.status, 410);
    const busy = expectResponse(await send(client, { ...json('{}'), url: `${receiver.url}/busy` }, limits));
    assert.equal(busy.status, 503);
    assert.equal(busy.headers['retry-after'], '120');
  });

  it('runs the connect-time address check on IP literals and on every resolved address', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
    const checked: string[] = [];
    await using client = createHttpClient({ checkAddress: (address, _family, hostname) => { checked.push(`${hostname} ${address}`); return false; } });
    const literal = expectFailure(await send(client, { ...json('{}'), url: receiver.url }, limits));
    assert.equal(literal.cause, 'blocked_address');
    assert.deepEqual(checked, ['127.0.0.1 127.0.0.1'], 'an IP literal is checked once, as its own host name');
    const named = expectFailure(await send(client, { ...json('{}'), url: `http://localhost:${receiver.port}/` }, limits));
    assert.equal(named.cause, 'blocked_address');
    assert.ok(checked.slice(1).some((entry) => /^localhost (127\.0\.0\.1|::1)$/.test(entry)), `the resolved address is checked with its name: ${checked.join(', ')}`);
    assert.equal(receiver.connections(), 0, 'nothing connected to a blocked address');
  });

  it('connects when the address check allows it', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
    await using client = createHttpClient({ checkAddress: (address, family) => address === '127.0.0.1' && family === 4 });
    const response = expectResponse(await send(client, { ...json('{}'), url: `${receiver.url}/` }, limits));
    assert.equal(response.body, 'ok');
  });

  it('throws when its client is closed under a send that was not aborted first: that is our bug', async () => {
    const arrived = Promise.withResolvers<void>();
    await using receiver = await startHttpReceiver(() => arrived.resolve()); // never answers
    const client = createHttpClient();
    const sending = send(client, { ...json('{}'), url: receiver.url }, limits);
    await arrived.promise;
    await client.close();
    await assert.rejects(sending, { code: 'UND_ERR_DESTROYED' });
  });

  it('throws on an invalid URL or a non-http scheme: that is our bug, not a receiver failure', async () => {
    await using client = createHttpClient();
    await assert.rejects(send(client, { ...json('{}'), url: 'not a url' }, limits), TypeError);
    await assert.rejects(send(client, { ...json('{}'), url: 'ftp://127.0.0.1/x' }, limits), /http:\/\/ or https:\/\/ URL, not ftp:/);
    // a malformed escape in the user info, which a URL parser keeps as it is: Basic auth could not be built from it
    await assert.rejects(send(client, { ...json('{}'), url: 'http://%zz@127.0.0.1/x' }, limits), /malformed percent-escape/);
  });

  it('sends URL credentials as Basic auth', async () => {
    await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
    await using client = createHttpClient();
    expectResponse(await send(client, { ...json('{}'), url: `http://user:p%40ss@127.0.0.1:${receiver.port}/` }, limits));
    assert.equal(receiver.requests[0]?.headers.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });
});

describe('classifyFailure', () => {
  const systemError = (code: string, message: string) => Object.assign(new Error(message), { code, syscall: 'connect' });

  it('names every address a happy-eyeballs connect tried', () => {
    const both = Object.assign(new AggregateError([
      systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:80'),
      systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:80'),
    ], ''), { code: 'ECONNREFUSED' });
    assert.deepEqual(classifyFailure(both, undefined), {
      cause: 'refused', detail: 'connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80',
    });
  });

  it('follows .cause chains and keeps only NXDOMAIN as dns_not_found', () => {
    const wrapped = new Error('fetch failed', { cause: systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN example.com') });
    assert.equal(classifyFailure(wrapped, undefined)?.cause, 'dns');
    assert.equal(classifyFailure(systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND x.invalid'), undefined)?.cause, 'dns_not_found');
  });

  it('maps TLS, parser and unknown network codes, and lets an abort outrank the error it caused', () => {
    assert.equal(classifyFailure(systemError('CERT_HAS_EXPIRED', 'certificate has expired'), undefined)?.cause, 'tls');
    assert.equal(classifyFailure(systemError('HPE_INVALID_CONSTANT', 'Expected HTTP/'), undefined)?.cause, 'protocol');
    assert.deepEqual(classifyFailure(systemError('EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.1:80'), undefined), {
      cause: 'network', detail: 'EHOSTUNREACH: connect EHOSTUNREACH 10.0.0.1:80',
    });
    assert.equal(classifyFailure(systemError('ECONNRESET', 'aborted'), 'deadline')?.cause, 'timeout');
    assert.equal(classifyFailure(systemError('ECONNRESET', 'aborted'), 'shutdown')?.cause, 'aborted');
  });

  it('returns undefined for our own bugs so that send() throws them', () => {
    assert.equal(classifyFailure(new TypeError('x is not a function'), undefined), undefined);
    assert.equal(classifyFailure(Object.assign(new Error('invalid header'), { code: 'UND_ERR_INVALID_ARG' }), undefined), undefined);
  });
});
