// The parent side of receivers.ts: starts the child, opens receivers in it, and asks it for what arrived.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Arrival, ReceiverCommand, ReceiverMode, ReceiverReply, ReceiverStats } from './receivers.ts';

export type OpenedReceiver = { url: string; index: number; mode: ReceiverMode };

export type ReceiverFleet = {
  pid: number;
  /** Opens one receiver per mode; returns their base URLs (http://127.0.0.1:PORT) and indices (as in Arrival). */
  open(modes: ReceiverMode[]): Promise<OpenedReceiver[]>;
  /** Forgets what arrived so far; `count` keeps only the count and the first and last arrival times. */
  reset(record: 'all' | 'count'): Promise<void>;
  stats(): Promise<ReceiverStats>;
  collect(): Promise<Arrival[]>;
  close(): Promise<void>;
};

export async function startReceiverFleet(): Promise<ReceiverFleet> {
  const child: ChildProcess = fork(new URL('./receivers.ts', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // structured clone: the arrivals of a phase (tens of thousands of records) cross without a JSON round trip
    serialization: 'advanced',
    execArgv: [],
  });
  let seq = 0;
  let opened = 0;
  const waiting = new Map<number, (reply: ReceiverReply) => void>();
  child.on('message', (reply: ReceiverReply) => { waiting.get(reply.seq)?.(reply); waiting.delete(reply.seq); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // fails loudly: a receiver process that dies mid-run would make every later figure wrong
  child.once('exit', (code, signal) => { for (const reject of waiting.values()) reject({ seq: -1 }); if (!closing) process.stderr.write(`receivers exited (${code ?? signal})\n`); });
  let closing = false;
  await new Promise<void>((resolve, reject) => {
    waiting.set(0, () => resolve());
    child.once('error', reject);
  });
  const ask = (command: ReceiverCommand): Promise<ReceiverReply> => new Promise((resolve, reject) => {
    const id = ++seq;
    waiting.set(id, (reply) => (reply.seq === -1 ? reject(new Error('the receivers process exited')) : resolve(reply)));
    child.send({ seq: id, command });
  });
  return {
    pid: child.pid!,
    async open(modes) {
      const ports = (await ask({ type: 'open', modes })).ports!;
      return ports.map((port, i) => ({ url: `http://127.0.0.1:${port}`, index: opened++, mode: modes[i]! }));
    },
    async reset(record) { await ask({ type: 'reset', record }); },
    async stats() { return (await ask({ type: 'stats' })).stats!; },
    async collect() { return (await ask({ type: 'collect' })).arrivals!; },
    async close() {
      closing = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
