// Slow and numerous connections are bounded: a body that trickles in is cut off after POSTBACK_REQUEST_TIMEOUT, and
// an address holds at most POSTBACK_CONNECTIONS_PER_ADDRESS connections. Real sockets on 127.0.0.x; the tests wait
// for the server's own answer and close, never for a length of time. The figures are in SECURITY.md.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { securityHeaders } from '../src/api/problem-response.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import { parseAnswer, rawExchange } from './helpers/raw-http.ts';
import type { RawAnswer } from './helpers/raw-http.ts';

/** A connection from `from` that sends `head` and then one byte of body every 50 ms, until the server closes it. */
function trickle(url: string, head: string, from = '127.0.0.1'): Promise<RawAnswer> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port: Number(port), host: hostname, localAddress: from });
    // written at once (queued until connected), so no drip byte can come before it
    socket.write(head);
    const drip = setInterval(() => { if (socket.writable) socket.write('a'); }, 50);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => { clearInterval(drip); resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'))); });
  });
}

function assertProblem(answer: RawAnswer, status: number, code: string): void {
  assert.equal(answer.status, status, answer.text.slice(0, 300));
  assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  for (const [name, value] of Object.entries(securityHeaders)) assert.equal(answer.headers.get(name), value, name);
  assert.equal(JSON.parse(answer.body).code, code);
}

test('a body trickled in byte by byte is cut off with a 408 problem after POSTBACK_REQUEST_TIMEOUT, and nothing is written', async () => {
  await using platform = await startPlatform({ requestTimeoutMs: 1000 });
  const tenant = await platform.tenant();
  const head = `POST /api/v1/webhooks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tenant.token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
  // the body would take 100,000 x 50 ms to arrive: only the server ending it lets this promise settle
  const answer = await trickle(platform.url, head);
  assertProblem(answer, 408, 'request_timeout');
  assert.match(JSON.parse(answer.body).detail, /POSTBACK_REQUEST_TIMEOUT/);
  assert.deepEqual((await tenant.call('GET', '/api/v1/webhooks')).body.items, []);
});

test('a request refused before its body arrived (a bad token) is answered and its connection closed at once, not read on', { timeout: 60_000 }, async () => {
  // a long request timeout: only the server closing after its answer lets the trickle end within the test's time
  await using platform = await startPlatform({ requestTimeoutMs: 600_000 });
  const head = 'POST /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer forged\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
  const answer = await trickle(platform.url, head);
  assertProblem(answer, 401, 'unauthorized');
  assert.equal(answer.headers.get('connection'), 'close');
});

test('one address holds at most POSTBACK_CONNECTIONS_PER_ADDRESS connections: one more gets a 429 problem and is closed; others are served', async () => {
  await using platform = await startPlatform({ connectionsPerAddress: 4 });
  const { port } = new URL(platform.url);
  const open = (from: string) => new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ port: Number(port), host: '127.0.0.1', localAddress: from }, () => resolve(socket));
    socket.on('error', reject);
  });
  const held = [];
  for (let i = 0; i < 4; i++) held.push(await open('127.0.0.11'));
  const refused = await new Promise<RawAnswer>((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port: Number(port), host: '127.0.0.1', localAddress: '127.0.0.11' });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'))));
  });
  assertProblem(refused, 429, 'too_many_connections');
  assert.equal((await platform.request('GET', '/health', { from: '127.0.0.12' })).status, 200, 'another address is served');
  held.pop()!.destroy();
  // once the server has seen that close, the address may connect again
  const served = await eventually('a freed connection slot', async () => {
    const answer = await rawExchange(platform.url, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', '127.0.0.11');
    return answer.status === 200 ? answer : undefined;
  });
  assert.equal(JSON.parse(served.body).status, 'ok');
  for (const socket of held) socket.destroy();
});
