// Real receivers on 127.0.0.1 for delivery tests: well-behaved HTTP servers, raw TCP servers that can
// misbehave at the byte level, and a TLS server with a throw-away self-signed certificate.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type ReceivedRequest = { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer };

export type Receiver = {
  url: string;
  port: number;
  /** Requests fully received so far (HTTP receivers only). */
  requests: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  [Symbol.asyncDispose](): Promise<void>;
};

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

/** An HTTP receiver: the handler runs once the request body has been read in full. */
export async function startHttpReceiver(handler: Handler): Promise<Receiver> {
  return serveHttp(http.createServer(), 'http', handler);
}

/** An HTTPS receiver with a fresh self-signed certificate, or undefined when openssl is not installed. */
export async function startSelfSignedHttpsReceiver(handler: Handler): Promise<Receiver | undefined> {
  const pair = await selfSignedPair();
  if (pair === undefined) return undefined;
  return serveHttp(https.createServer(pair), 'https', handler);
}

async function serveHttp(server: http.Server, scheme: 'http' | 'https', handler: Handler): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', () => { connections += 1; });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  const port = await listen(server);
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A raw TCP receiver: `onSocket` writes whatever bytes (or nothing) it likes. */
export async function startRawReceiver(onSocket: (socket: net.Socket) => void): Promise<Receiver> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // the client hanging up on a hostile receiver is expected
    onSocket(socket);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    connections: () => connections,
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that was listening a moment ago and now refuses connections. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

/** Node cannot generate X.509 certificates, so this shells out to openssl in a temp dir (undefined without openssl). */
export async function selfSignedPair(): Promise<{ key: Buffer; cert: Buffer } | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'postback-tls-'));
  try {
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ]);
    return { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
