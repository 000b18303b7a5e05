// The ceiling: raw keep-alive undici POSTs of the very bodies and headers Postback sends, to the same receivers,
// with the same number in flight, and nothing else: no API, no database, no signing per request. What an
// end-to-end figure is divided by.
import { randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { deliveryBody, deliveryHeaders } from '../payload.ts';
import { summarize } from '../percentiles.ts';
import type { LatencySummary } from '../percentiles.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';
import { preciseNow } from '../clock.ts';

export type CeilingResult = {
  /** What ratios are taken against: the higher of the two measurements (start and end of the run). */
  requestsPerS: number;
  /** The same loop at the start of the run and again at its end (null with --quick): their spread is the noise of
   * the machine (other work on it) over the run. */
  atStartPerS: number;
  atEndPerS: number | null;
  requests: number;
  /** Round trip of one POST (send to the end of the 200). */
  latencyMs: LatencySummary;
  receivers: number;
  concurrency: number;
  durationS: number;
};

export type CeilingOptions = { fleet: ReceiverFleet; receivers: OpenedReceiver[]; concurrency: number; durationMs: number; warmupMs: number; progress?: (fraction: number) => void };

export async function runCeiling(options: CeilingOptions): Promise<CeilingResult> {
  const { receivers, concurrency } = options;
  const now = Date.now();
  const prepared = Array.from({ length: 512 }, (_, i) => {
    const id = randomUUID();
    const body = deliveryBody(id, i, now);
    return { body, headers: deliveryHeaders(id, body, Math.floor(now / 1000)) };
  });
  const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  await options.fleet.reset('count');
  let sent = 0;
  let counted = 0;
  const rtts: number[] = [];
  const warmupEnd = preciseNow() + options.warmupMs;
  const end = warmupEnd + options.durationMs;
  const worker = async (): Promise<void> => {
    for (let now = preciseNow(); now < end; now = preciseNow()) {
      const n = sent++;
      const receiver = receivers[n % receivers.length]!;
      const request = prepared[n % prepared.length]!;
      const answer = await agent.request({ origin: receiver.url, path: '/hook', method: 'POST', headers: request.headers, body: request.body });
      await answer.body.dump();
      if (answer.statusCode !== 200) throw new Error(`the ceiling's receiver answered ${answer.statusCode}`);
      const done = preciseNow();
      if (now >= warmupEnd) { counted++; rtts.push(done - now); }
      if (n % 500 === 0) options.progress?.(Math.min(1, (done - (warmupEnd - options.warmupMs)) / (options.warmupMs + options.durationMs)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const finished = preciseNow();
  await agent.close();
  const perS = counted / ((finished - warmupEnd) / 1000);
  return {
    requestsPerS: perS,
    atStartPerS: perS,
    atEndPerS: null,
    requests: counted,
    latencyMs: summarize(rtts),
    receivers: receivers.length,
    concurrency,
    durationS: (finished - warmupEnd) / 1000,
  };
}
