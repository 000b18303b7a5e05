// The benchmark's receivers: a CHILD PROCESS (run by receiver-fleet.ts) holding many HTTP servers on 127.0.0.1,
// so receiving costs the measured process nothing. An `ok` receiver answers 200 once the body is in; a `hang`
// receiver never answers (the sender's attempt deadline ends the request). Each arrival is recorded as
// (webhook-id header, receiver index, arrival time in epoch ms with sub-millisecond precision), or only counted
// in `count` mode (the 1,000,000-delivery backlog would not fit in a message). Commands arrive over IPC.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { preciseNow } from './clock.ts';

export type ReceiverMode = 'ok' | 'hang';
export type Arrival = { id: string; receiver: number; at: number };
export type ReceiverCommand =
  | { type: 'open'; modes: ReceiverMode[] }
  | { type: 'reset'; record: 'all' | 'count' }
  | { type: 'stats' }
  | { type: 'collect' };
/** `byReceiver[i]`: arrivals at receiver i since the last reset. */
export type ReceiverStats = { count: number; first: number; last: number; byReceiver: number[] };
export type ReceiverReply = { seq: number; ports?: number[]; stats?: ReceiverStats; arrivals?: Arrival[] };


type State = { record: 'all' | 'count'; ids: string[]; receivers: number[]; times: number[]; count: number; first: number; last: number; byReceiver: number[] };
const state: State = { record: 'count', ids: [], receivers: [], times: [], count: 0, first: 0, last: 0, byReceiver: [] };
const servers: http.Server[] = [];

function arrived(receiver: number, id: string): void {
  const at = preciseNow();
  state.count++;
  state.byReceiver[receiver] = (state.byReceiver[receiver] ?? 0) + 1;
  if (state.first === 0) state.first = at;
  state.last = at;
  if (state.record === 'all') { state.ids.push(id); state.receivers.push(receiver); state.times.push(at); }
}

async function open(mode: ReceiverMode): Promise<number> {
  const index = servers.length;
  const server = http.createServer((req, res) => {
    arrived(index, String(req.headers['webhook-id'] ?? ''));
    if (mode === 'hang') { req.resume(); return; } // never answered: the sender gives up at its deadline
    req.resume();
    req.once('end', () => { res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok'); });
  });
  // idle keep-alive sockets survive the pauses between phases; a hanging request is never timed out by us
  server.keepAliveTimeout = 30_000;
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function handle(command: ReceiverCommand): Promise<Omit<ReceiverReply, 'seq'>> {
  switch (command.type) {
    case 'open': {
      const ports: number[] = [];
      for (const mode of command.modes) ports.push(await open(mode));
      return { ports };
    }
    case 'reset':
      Object.assign(state, { record: command.record, ids: [], receivers: [], times: [], count: 0, first: 0, last: 0, byReceiver: [] });
      return {};
    case 'stats':
      return { stats: { count: state.count, first: state.first, last: state.last, byReceiver: Array.from(state.byReceiver, (n) => n ?? 0) } };
    case 'collect':
      return { arrivals: state.ids.map((id, i) => ({ id, receiver: state.receivers[i]!, at: state.times[i]! })) };
  }
}

process.on('message', (message: { seq: number; command: ReceiverCommand }) => {
  handle(message.command).then((reply) => process.send!({ seq: message.seq, ...reply }), (error: unknown) => {
    process.stderr.write(`receivers: ${String(error)}\n`);
    process.exit(1);
  });
});
// the parent going away (even by SIGKILL) closes the IPC channel: leave with it
process.on('disconnect', () => process.exit(0));
process.send!({ seq: 0 });
