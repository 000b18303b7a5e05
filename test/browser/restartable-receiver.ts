// A receiver that can be stopped and started again on the same port, to show a receiver outage and its recovery.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RestartableReceiver = { url: string; received: number; /** Each body received, in order. */ bodies: string[]; stop(): Promise<void>; start(): Promise<void>; [Symbol.asyncDispose](): Promise<void> };

export async function startRestartableReceiver(): Promise<RestartableReceiver> {
  let server: http.Server | null = null;
  let port = 0;
  const receiver: RestartableReceiver = {
    url: '',
    received: 0,
    bodies: [],
    async start() {
      const next = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          receiver.received += 1;
          receiver.bodies.push(Buffer.concat(chunks).toString('utf8'));
          response.setHeader('content-type', 'application/json');
          response.end('{"received":true}');
        });
      });
      await new Promise<void>((resolve, reject) => { next.once('error', reject); next.listen(port, '127.0.0.1', () => resolve()); });
      port = (next.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${port}`;
      server = next;
    },
    async stop() {
      const current = server;
      server = null;
      if (!current) return;
      current.closeAllConnections();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    [Symbol.asyncDispose]: () => receiver.stop(),
  };
  await receiver.start();
  return receiver;
}
