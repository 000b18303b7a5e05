// What a client of a listener sees while its process shuts down (cli/shutdown.ts).
// - During the drain every request is served as usual, each answer with `Connection: close`: a client holding a
//   keep-alive connection (or a load balancer pooling them) opens its next one anew, and the balancer, told by /readyz,
//   sends it to a process that is ready.
// - Once the listener closes, the idle connections are cut (those that never sent a request too), and the busy ones
//   are not: the answer of a request still in flight says `Connection: close` too, or its connection would stay open
//   for the keep-alive timeout (72 s) after it, holding the close past the grace. A request that still arrives on such a connection (pipelined, or sent while the
//   previous answer was on its way) is answered here, instead of by Fastify's own 503 (return503OnClosing, which must
//   be off): a problem+json 503 saying to send it again, with Retry-After; nothing is applied.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { problem } from './problems.ts';
import { sendProblem } from './problem-response.ts';

/** What Retry-After says: the retry goes through the load balancer to another process, which takes it at once. */
const shuttingDownRetryAfterSeconds = 1;

const shuttingDown = () => problem('unavailable',
  `This Postback process is shutting down; nothing was applied. Send the same request again in ${shuttingDownRetryAfterSeconds} s (Retry-After), with the same Idempotency-Key if it had one: another process takes it.`);

/** Registers the hooks on `app` (before any other onRequest hook); `draining` says whether the process drains now. */
export function answerWhileShuttingDown(app: FastifyInstance, draining: () => boolean): void {
  let closing = false;
  const unused = connectionsWithoutRequest(app.server);
  // preClose runs as app.close() begins, before the listener stops accepting connections
  app.addHook('preClose', (done) => {
    closing = true;
    for (const socket of unused) socket.destroy();
    done();
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return undefined;
    void reply.header('retry-after', String(shuttingDownRetryAfterSeconds));
    return sendProblem(reply, shuttingDown(), request.url);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing || draining()) void reply.header('connection', 'close');
  });
}

/**
 * The connections that have not sent a request (yet): a browser opens spare ones ahead of need (Chromium's preconnect).
 * The listener's close ends idle keep-alive connections, but not these, which hold it until their headers timeout
 * (60 s), past the grace: the process then exits 1 with its work done. Cut at close: the client opens its next one
 * anew, through the load balancer, to a process that is ready.
 */
function connectionsWithoutRequest(server: Server): Set<Socket> {
  const unused = new Set<Socket>();
  const track = (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  };
  // over TLS a request's socket is the TLS one (a members area served over https)
  server.on(server instanceof TlsServer ? 'secureConnection' : 'connection', track);
  server.on('request', (request: IncomingMessage) => unused.delete(request.socket));
  return unused;
}
