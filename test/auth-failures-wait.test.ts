// src/api/auth-failures.ts on its own: attempts past a budget held by checks in flight wait for them (bounded), a
// success lets a waiter in, settled failures refuse it. Requests and replies are stand-ins with what it reads.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createAuthFailures } from '../src/api/auth-failures.ts';

type StandIn = { request: FastifyRequest; reply: FastifyReply; headers: Record<string, string>; end(): void };

function requestFrom(ip: string): StandIn {
  const headers: Record<string, string> = {};
  const raw = new EventEmitter();
  const reply = { raw, header(name: string, value: string) { headers[name] = value; return reply; } };
  return { request: { ip } as FastifyRequest, reply: reply as unknown as FastifyReply, headers, end: () => raw.emit('close') };
}

const outcome = (charging: Promise<void>) => charging.then(() => 'checking', (error: Error) => error.message);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('past a budget held by checks in flight, an attempt waits; a success lets it in, in arrival order', async () => {
  const limits = createAuthFailures({ authFailuresPerAddress: 2, authFailuresGlobal: 100 }, Date.now);
  const [a, b, c, d] = [1, 2, 3, 4].map(() => requestFrom('127.0.0.1')) as [StandIn, StandIn, StandIn, StandIn];
  await limits.charge(a.request, a.reply);
  await limits.charge(b.request, b.reply);
  const third = outcome(limits.charge(c.request, c.reply));
  const fourth = outcome(limits.charge(d.request, d.reply));
  let settled = '';
  void third.then(() => { settled += 'c'; });
  void fourth.then(() => { settled += 'd'; });
  await tick();
  assert.equal(settled, '', 'both wait while a and b are checked');
  limits.succeeded(a.request);
  a.end();
  assert.equal(await third, 'checking');
  await tick();
  assert.equal(settled, 'c', 'one slot: the first to arrive takes it');
  limits.succeeded(b.request);
  assert.equal(await fourth, 'checking');
  const elsewhere = requestFrom('127.0.0.2');
  assert.equal(await outcome(limits.charge(elsewhere.request, elsewhere.reply)), 'checking', 'another address has its own budget');
});

test('when the checks in flight fail, the waiting attempts are refused with 429 and Retry-After', async () => {
  const limits = createAuthFailures({ authFailuresPerAddress: 2, authFailuresGlobal: 100 }, Date.now);
  const [a, b, c] = [1, 2, 3].map(() => requestFrom('127.0.0.1')) as [StandIn, StandIn, StandIn];
  await limits.charge(a.request, a.reply);
  await limits.charge(b.request, b.reply);
  const waiting = outcome(limits.charge(c.request, c.reply));
  a.end();
  b.end();
  assert.match(await waiting, /Too many failed authentications from your address/);
  assert.ok(Number(c.headers['retry-after']) > 50, `the minute's rest: ${c.headers['retry-after']}`);
});

test('the server-wide budget works the same way across addresses', async () => {
  const limits = createAuthFailures({ authFailuresPerAddress: 10, authFailuresGlobal: 1 }, Date.now);
  const [a, b] = [requestFrom('127.0.0.1'), requestFrom('127.0.0.2')];
  await limits.charge(a.request, a.reply);
  const waiting = outcome(limits.charge(b.request, b.reply));
  a.end();
  assert.match(await waiting, /on this server just now \(POSTBACK_AUTH_FAILURES_GLOBAL/);
});

test('the wait is bounded: checks that never settle get the waiting attempt a 429 with Retry-After: 1', async () => {
  const limits = createAuthFailures({ authFailuresPerAddress: 1, authFailuresGlobal: 100 }, Date.now, { maxWaitMs: 50 });
  const [a, b] = [requestFrom('127.0.0.1'), requestFrom('127.0.0.1')];
  await limits.charge(a.request, a.reply);
  const started = performance.now();
  assert.match(await outcome(limits.charge(b.request, b.reply)), /in progress/);
  assert.ok(performance.now() - started >= 45);
  assert.equal(b.headers['retry-after'], '1');
});

test('a client that went away during its check is a failure until its check succeeds, which refunds it', async () => {
  const limits = createAuthFailures({ authFailuresPerAddress: 1, authFailuresGlobal: 100 }, Date.now);
  const [a, b, c] = [1, 2, 3].map(() => requestFrom('127.0.0.1')) as [StandIn, StandIn, StandIn];
  await limits.charge(a.request, a.reply);
  a.end();
  assert.match(await outcome(limits.charge(b.request, b.reply)), /failed authentications/);
  limits.succeeded(a.request);
  assert.equal(await outcome(limits.charge(c.request, c.reply)), 'checking');
});
