// One measured phase: publish events (open loop on a clock, or closed loop at saturation), wait for the
// receivers to see every delivery, and turn (event sent at, delivery arrived at) pairs into figures.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Publisher } from './api-client.ts';
import { publishBody } from './payload.ts';
import { cdfPoints, summarize } from './percentiles.ts';
import type { LatencySummary } from './percentiles.ts';
import type { ReceiverFleet } from './receiver-fleet.ts';
import type { ReceiverStats } from './receivers.ts';
import { preciseNow } from './clock.ts';

export type PhaseSpec = {
  name: string;
  /** Offered events per second, scheduled on a clock whatever the answers; null: saturation (closed loop). */
  rate: number | null;
  /** Events to publish (at saturation: at most). */
  events: number;
  /** Saturation only: publish requests in flight at once. */
  publishers?: number;
  /** Saturation only: stop starting publishes after this long, even if fewer than `events` were sent. */
  maxSeconds?: number;
  /** Deliveries each event fans out to (every receiver, hanging ones included). */
  fanOut: number;
  /** Which receivers (fleet indices) the figures are about; default all. */
  counted?: (receiver: number) => boolean;
  /** Deliveries per event to `counted` receivers (default fanOut). */
  countedFanOut?: number;
  /** Longest wait for the deliveries after the last publish; what has not arrived by then is "missing". */
  waitMs: number;
  /** First event number (makes transactions unique across phases). */
  firstIndex: number;
  /** Before publishing, wait (at most this long) until no delivery arrived for half a second: a previous phase's
   * stragglers must not share the server with this one. 0: start at once. */
  quiesceMs?: number;
};

export type PhaseResult = {
  name: string;
  offeredEventsPerS: number | null;
  events: number;
  /** Publishes answered with anything but 202 (their deliveries are not expected). */
  publishErrors: number;
  /** Publishes still unanswered when the phase ended (their deliveries are expected, and missing unless they came). */
  publishUnanswered: number;
  /** Events per second actually published (202s over the publishing time). */
  publishedEventsPerS: number;
  publishLatencyMs: LatencySummary;
  /** Largest delay of a send behind its scheduled time (open loop): the load generator's own lag. */
  generatorLagMs: number;
  expectedDeliveries: number;
  delivered: number;
  duplicates: number;
  /** Distinct deliveries per second, from the first send to the last arrival (or the cut-off). */
  deliveriesPerS: number;
  /**
   * The same deliveries in two parts: those that arrived while events were still being published, and those after
   * the last publish (at saturation: the backlog drained with no ingest beside it). Seconds of each part. Absent
   * from reports saved before it was measured (bench/rerender.ts reads those too).
   */
  split?: { whilePublishing: { deliveries: number; seconds: number }; afterPublishing: { deliveries: number; seconds: number } };
  /** Publish (scheduled send) to arrival at the receiver; missing deliveries count as Infinity. */
  latencyMs: LatencySummary;
  cdf: [number, number][];
  durationS: number;
};

export type PhaseHooks = { progress?: (done: number, total: number) => void };

export async function runPhase(spec: PhaseSpec, fleet: ReceiverFleet, publisher: Publisher, hooks: PhaseHooks = {}): Promise<PhaseResult> {
  if ((spec.quiesceMs ?? 0) > 0) await quiesce(fleet, spec.quiesceMs!);
  await fleet.reset('all');
  const ids = Array.from({ length: spec.events }, () => randomUUID());
  const sentAt = new Float64Array(spec.events);
  // per event: 0 no answer yet, 1 accepted (202), 2 refused (any other answer or a network error)
  const answer = new Uint8Array(spec.events);
  const publishMs: number[] = [];
  let lag = 0;
  const send = async (i: number, at: number): Promise<void> => {
    sentAt[i] = at;
    const status = await publisher.publish(publishBody(ids[i]!, spec.firstIndex + i));
    publishMs.push(preciseNow() - at);
    answer[i] = status === 202 ? 1 : 2;
  };
  const start = preciseNow() + 5;
  let sent = spec.events;
  if (spec.rate !== null) {
    const interval = 1000 / spec.rate;
    const pending: Promise<void>[] = [];
    for (let next = 0; next < spec.events;) {
      const now = preciseNow();
      for (; next < spec.events && start + next * interval <= now; next++) {
        const scheduled = start + next * interval;
        lag = Math.max(lag, now - scheduled);
        // open loop: latency counts from the scheduled time, so a lagging generator is never hidden
        pending.push(send(next, scheduled));
      }
      if (next < spec.events) await sleep(Math.max(1, Math.min(5, start + next * interval - now)));
      hooks.progress?.(next, spec.events * 2);
    }
    // bounded: an overloaded server's unanswered publishes are waited for only as long as its deliveries are
    await Promise.race([Promise.all(pending), sleep(spec.waitMs)]);
  } else {
    let next = 0;
    const stopAt = start + (spec.maxSeconds ?? Number.POSITIVE_INFINITY) * 1000;
    const worker = async (): Promise<void> => {
      while (next < spec.events && preciseNow() < stopAt) { const i = next++; await send(i, preciseNow()); if (i % 50 === 0) hooks.progress?.(i, spec.events * 2); }
    };
    await Promise.all(Array.from({ length: spec.publishers ?? 32 }, worker));
    sent = next;
  }
  const published = preciseNow();
  // an event still unanswered is expected all the same: its deliveries are missing unless they arrive
  const expectedEvents = () => sent - answer.reduce((sum, value) => sum + (value === 2 ? 1 : 0), 0);
  // done when the counted receivers have everything (a hanging receiver's attempts are not waited for)
  const expectedArrivals = expectedEvents() * (spec.countedFanOut ?? spec.fanOut);
  const counted = spec.counted ?? (() => true);
  const countOf = (stats: ReceiverStats): number => stats.byReceiver.reduce((sum, n, receiver) => sum + (counted(receiver) ? n : 0), 0);
  const cutoff = await waitForArrivals(fleet, countOf, expectedArrivals, published + spec.waitMs, (count) => hooks.progress?.(spec.events * (1 + count / Math.max(1, expectedArrivals)), spec.events * 2));
  return summarizePhase(spec, await fleet.collect(), { ids, sentAt, sent, answer, expectedEvents: expectedEvents(), publishMs, lag, start, published, cutoff });
}

async function quiesce(fleet: ReceiverFleet, maxMs: number): Promise<void> {
  await fleet.reset('count');
  const deadline = preciseNow() + maxMs;
  let last = -1;
  for (let count = 0; count !== last && preciseNow() < deadline;) {
    last = count;
    await sleep(500);
    count = (await fleet.stats()).count;
  }
}

/** Polls the receivers until `expected` arrivals or `deadline`; returns the cut-off time if it gave up, else null. */
async function waitForArrivals(fleet: ReceiverFleet, countOf: (stats: ReceiverStats) => number, expected: number, deadline: number, progress: (count: number) => void): Promise<number | null> {
  for (;;) {
    const count = countOf(await fleet.stats());
    progress(count);
    if (count >= expected) return null;
    if (preciseNow() > deadline) return preciseNow();
    await sleep(50);
  }
}

type Sent = { ids: string[]; sentAt: Float64Array; sent: number; answer: Uint8Array; expectedEvents: number; publishMs: number[]; lag: number; start: number; published: number; cutoff: number | null };

function summarizePhase(spec: PhaseSpec, arrivals: { id: string; receiver: number; at: number }[], sent: Sent): PhaseResult {
  const counted = spec.counted ?? (() => true);
  const indexOf = new Map(sent.ids.map((id, i) => [id, i]));
  const seen = new Set<string>();
  const latencies: number[] = [];
  let duplicates = 0;
  let last = 0;
  let whilePublishing = 0;
  for (const arrival of arrivals) {
    const i = indexOf.get(arrival.id);
    if (i === undefined || !counted(arrival.receiver)) continue;
    const key = `${arrival.receiver}:${arrival.id}`;
    if (seen.has(key)) { duplicates++; continue; }
    seen.add(key);
    if (arrival.at <= sent.published) whilePublishing++;
    latencies.push(arrival.at - sent.sentAt[i]!);
    last = Math.max(last, arrival.at);
  }
  const expected = sent.expectedEvents * (spec.countedFanOut ?? spec.fanOut);
  const accepted = sent.answer.reduce((sum, value) => sum + (value === 1 ? 1 : 0), 0);
  for (let missing = expected - latencies.length; missing > 0; missing--) latencies.push(Number.POSITIVE_INFINITY);
  const end = sent.cutoff !== null && seen.size < expected ? sent.cutoff : last;
  const publishSeconds = Math.max(0.001, (sent.published - sent.start) / 1000);
  return {
    name: spec.name,
    offeredEventsPerS: spec.rate,
    events: sent.sent,
    publishErrors: sent.sent - sent.expectedEvents,
    publishUnanswered: sent.expectedEvents - accepted,
    publishedEventsPerS: accepted / publishSeconds,
    publishLatencyMs: summarize(sent.publishMs),
    generatorLagMs: sent.lag,
    expectedDeliveries: expected,
    delivered: seen.size,
    duplicates,
    deliveriesPerS: seen.size / Math.max(0.001, (end - sent.start) / 1000),
    split: {
      whilePublishing: { deliveries: whilePublishing, seconds: publishSeconds },
      afterPublishing: { deliveries: seen.size - whilePublishing, seconds: Math.max(0, (end - sent.published) / 1000) },
    },
    latencyMs: summarize(latencies),
    cdf: cdfPoints(latencies),
    durationS: (Math.max(end, sent.published) - sent.start) / 1000,
  };
}
