// Slow clients against a real `postback serve`: N connections that send a request's headers and then trickle its
// body one byte a second, from one address or spread over several (127.0.0.x). Samples the server's open file
// descriptors and counts how each connection ended. The figures of SECURITY.md come from here:
//   node bench/slow-clients.ts                      # today's defaults
//   node bench/slow-clients.ts --timeout 1h --cap 0 # as before the bounds (nothing ends the trickle)
// Options: --connections N (2000), --addresses K (1: all from 127.0.0.1; else 127.0.0.2 ... 127.0.0.K+1),
// --authenticated (send a valid token: the server reads the body instead of refusing at once),
// --observe SECONDS (90: how long to watch), --timeout and --cap (POSTBACK_REQUEST_TIMEOUT and
// POSTBACK_CONNECTIONS_PER_ADDRESS given to the server; defaults: the server's own).
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAccount, startPostback } from './postback-process.ts';

const { values } = parseArgs({ options: {
  connections: { type: 'string', default: '2000' }, addresses: { type: 'string', default: '1' }, observe: { type: 'string', default: '90' },
  timeout: { type: 'string' }, cap: { type: 'string' }, authenticated: { type: 'boolean', default: false },
} });
const total = Number(values.connections);
const addresses = Number(values.addresses);
const observeMs = Number(values.observe) * 1000;

const dataDir = await mkdtemp(join(tmpdir(), 'postback-slow-clients-'));
const env: Record<string, string> = { POSTBACK_DATA_DIR: dataDir };
if (values.timeout !== undefined) env.POSTBACK_REQUEST_TIMEOUT = values.timeout;
// the bench's children run with no cap (postback-process.ts); here the server's default applies unless --cap says
env.POSTBACK_CONNECTIONS_PER_ADDRESS = values.cap ?? '256';
const server = await startPostback({ env, role: 'api' });
const { port } = new URL(server.url!);
// --authenticated: a hostile tenant with a valid token, whose body the server must read (or time out on)
let authorization = 'Bearer not-a-token';
if (values.authenticated) {
  const account = await createAccount(env);
  const answer = await fetch(`${server.url}/oauth/token?grant_type=client_credentials`, { method: 'POST', headers: { authorization: `Basic ${account.basic}` } });
  authorization = `Bearer ${((await answer.json()) as { access_token: string }).access_token}`;
}
const descriptors = () => readdirSync(`/proc/${server.pid}/fd`).length;

type Ending = { status: string; atMs: number | null };
const started = performance.now();
const endings: Ending[] = [];
let peakDescriptors = descriptors();
const idleDescriptors = peakDescriptors;
const samples: [number, number, number][] = [];

const sockets = Array.from({ length: total }, (_, i) => {
  const localAddress = addresses === 1 ? '127.0.0.1' : `127.0.0.${2 + (i % addresses)}`;
  const ending: Ending = { status: 'held', atMs: null };
  endings.push(ending);
  const socket = net.connect({ port: Number(port), host: '127.0.0.1', localAddress });
  // written at once (queued until connected), so no drip byte can come before it
  socket.write(`POST /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
  let answer = '';
  socket.on('data', (chunk) => { answer += chunk.toString('latin1'); });
  socket.on('error', () => {});
  socket.on('close', () => {
    ending.status = /^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 'closed, no answer';
    ending.atMs = performance.now() - started;
  });
  return socket;
});
const drip = setInterval(() => { for (const socket of sockets) if (socket.writable) socket.write(' '); }, 1000);

const held = () => endings.filter((ending) => ending.atMs === null).length;
while (performance.now() - started < observeMs && held() > 0) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const now = descriptors();
  peakDescriptors = Math.max(peakDescriptors, now);
  samples.push([Math.round(performance.now() - started), now, held()]);
}
clearInterval(drip);
const finalDescriptors = descriptors();
for (const socket of sockets) socket.destroy();

const byStatus = new Map<string, number[]>();
for (const ending of endings) byStatus.set(ending.status, [...(byStatus.get(ending.status) ?? []), ending.atMs ?? Number.NaN]);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
console.log(`${total} slow connections${values.authenticated ? ' with a valid token' : ''} from ${addresses} address(es); server: POSTBACK_REQUEST_TIMEOUT=${values.timeout ?? 'default'}, POSTBACK_CONNECTIONS_PER_ADDRESS=${env.POSTBACK_CONNECTIONS_PER_ADDRESS}`);
for (const [status, times] of byStatus) {
  const ended = times.filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b);
  console.log(`  ${status}: ${times.length}${ended.length ? `, ended ${seconds(ended[0]!)} to ${seconds(ended.at(-1)!)} s after the start` : ` (still open after ${seconds(observeMs)} s)`}`);
}
console.log(`  server file descriptors: ${idleDescriptors} idle, peak ${peakDescriptors}, ${finalDescriptors} at the end (${seconds(performance.now() - started)} s)`);
console.log(`  samples [ms, descriptors, connections held]: ${JSON.stringify(samples.filter((_, i) => i % 20 === 0))}`);
await server.stop();
await rm(dataDir, { recursive: true, force: true });
