// The DIY baseline, run as its own process: what a team builds instead of Postback, on pg-boss 12.0.0 and undici.
// `POST /events` (the same body as Postback's API) inserts one `send` job per webhook in one statement and
// answers 202; workers take `send` jobs and POST the signed body to each receiver. Tuned as a careful team would:
// BASELINE_CONCURRENCY jobs in flight (4 workers x batches of a quarter of it), polling at pg-boss's minimum
// (0.5 s), an in-process wake-up of the workers on every publish, and an immediate re-fetch after a full batch
// (pg-boss otherwise sleeps out the polling interval even when more jobs are waiting).
// Env: DATABASE_URL, BASELINE_URLS (comma-separated receiver base URLs), BASELINE_CONCURRENCY. Prints READY <url>.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PgBoss } from 'pg-boss';
import { Agent } from 'undici';
import { deliveryHeaders } from '../payload.ts';

type SendJob = { url: string; id: string; body: string };

const urls = (process.env.BASELINE_URLS ?? '').split(',').filter(Boolean);
const concurrency = Number(process.env.BASELINE_CONCURRENCY ?? 64);
const workers = 4;
const batchSize = Math.max(1, Math.floor(concurrency / workers));

const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 20, schedule: false });
boss.on('error', (error) => process.stderr.write(`pg-boss: ${error.message}\n`));
await boss.start();
await boss.createQueue('send', { retryLimit: 4, retryDelay: 30, retryBackoff: true });

const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
async function post(job: SendJob): Promise<void> {
  const headers = deliveryHeaders(job.id, job.body, Math.floor(Date.now() / 1000));
  const answer = await agent.request({ origin: job.url, path: '/hook', method: 'POST', headers, body: job.body, signal: AbortSignal.timeout(15_000) });
  await answer.body.dump();
  if (answer.statusCode < 200 || answer.statusCode > 299) throw new Error(`receiver answered ${answer.statusCode}`);
}

const workerIds: string[] = [];
for (let i = 0; i < workers; i++) {
  let self = '';
  self = await boss.work<SendJob>('send', { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    await Promise.all(jobs.map((job) => post(job.data)));
    if (jobs.length === batchSize) boss.notifyWorker(self);
  });
  workerIds.push(self);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event?: string; id?: string; data?: unknown };
      if (typeof input.event !== 'string' || typeof input.data !== 'object' || input.data === null) {
        res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"event and data are required"}');
        return;
      }
      const id = input.id ?? randomUUID();
      const body = `{"id":${JSON.stringify(id)},"creation_date":${Date.now()},"event":${JSON.stringify(input.event)},"version":"2.0.0","data":${JSON.stringify(input.data)}}`;
      await boss.insert('send', urls.map((url) => ({ data: { url, id, body } })));
      for (const worker of workerIds) boss.notifyWorker(worker);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    })().catch((error: unknown) => {
      process.stderr.write(`publish failed: ${String(error)}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void boss.stop({ graceful: true, timeout: 2000 }).finally(() => agent.close()).finally(() => process.exit(0));
});
