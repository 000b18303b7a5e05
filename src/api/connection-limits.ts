// What slow or numerous connections can hold. Fastify's own defaults wait forever for a request to arrive, so a
// client that sent headers and then trickled its body held its connection (and a file descriptor) indefinitely:
// 2,000 of them held 92 s and counting, descriptors 34 -> 2,034. Figures with these bounds: SECURITY.md.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from '../config.ts';
import { addressKey } from './client-address.ts';
import { problem } from './problems.ts';
import { writeProblem } from './problem-response.ts';

type Limits = Pick<Config, 'requestTimeoutMs' | 'connectionsPerAddress'>;

// a request's headers are a few hundred bytes: 10 s is ample on any link, and bounds idle connections that never send one
const headersTimeoutMs = 10_000;
// Node checks the two timeouts above on this period (default 30 s, which would let a request overstay by that much)
const timeoutCheckIntervalMs = 1000;

/** Fastify options: the whole request (headers and body) must arrive within POSTBACK_REQUEST_TIMEOUT; headers within 10 s. */
export function requestTimeouts(limits: Limits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    http: { headersTimeout: Math.min(headersTimeoutMs, limits.requestTimeoutMs), connectionsCheckingInterval: timeoutCheckIntervalMs },
  };
}

// how long a refused connection may stay to read its 429 before it is closed
const refusedLingerMs = 2000;

/**
 * Refuses a new connection, with a 429 problem, when its address already holds POSTBACK_CONNECTIONS_PER_ADDRESS open
 * ones (0: no cap). The HTTP server's own connection handling is wrapped, so a refused socket is never parsed and
 * none of its requests runs. Fails open for an unknown address (a socket already closed by its peer has none):
 * there is nothing to count it against, and it is closing anyway.
 */
export function capConnectionsPerAddress(server: Server, limits: Limits): void {
  const cap = limits.connectionsPerAddress;
  if (cap === 0) return;
  const open = new Map<string, number>();
  const handlers = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const key = socket.remoteAddress === undefined ? undefined : addressKey(socket.remoteAddress);
    const count = key === undefined ? 0 : (open.get(key) ?? 0) + 1;
    if (count > cap) {
      writeProblem(socket, problem('too_many_connections', `Your address already holds ${cap} open connections (POSTBACK_CONNECTIONS_PER_ADDRESS); reuse them (keep-alive) or close some.`), refusedLingerMs);
      return;
    }
    for (const handle of handlers) handle.call(server, socket);
    if (key === undefined) return;
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left === 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
