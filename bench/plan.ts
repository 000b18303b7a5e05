// How big each scenario is: the full run (`npm run bench`) and the CI smoke (`--quick`, under 60 s on 2 cores).
// Every size the report prints comes from here.

export type Plan = {
  quick: boolean;
  /** POSTBACK_CONCURRENCY of the server; the ceiling and the pg-boss worker keep as many requests in flight. */
  concurrency: number;
  /** Webhooks per event in the end-to-end and baseline runs (each on its own receiver). */
  fanOut: number;
  ceiling: { warmupMs: number; durationMs: number };
  /** Offered rates (events/s), each held for `rateSeconds`, open loop. */
  rates: number[];
  rateSeconds: number;
  warmupEvents: number;
  saturation: { events: number; publishers: number; maxSeconds: number };
  /** Longest wait for a phase's deliveries after its last publish. */
  waitMs: number;
  isolation: { webhooks: number; hanging: number; rate: number; seconds: number; waitMs: number; deadline: string };
  backlog: { deliveries: number; webhooks: number; publishers: number; timeoutMs: number };
};

export function planFor(quick: boolean): Plan {
  return quick
    ? {
      quick, concurrency: 64, fanOut: 4,
      ceiling: { warmupMs: 300, durationMs: 1200 },
      rates: [50, 200, 1000], rateSeconds: 1, warmupEvents: 50,
      saturation: { events: 4000, publishers: 32, maxSeconds: 1.5 },
      waitMs: 8000,
      isolation: { webhooks: 10, hanging: 2, rate: 100, seconds: 1, waitMs: 2500, deadline: '2s' },
      backlog: { deliveries: 20_000, webhooks: 20, publishers: 32, timeoutMs: 30_000 },
    }
    : {
      quick, concurrency: 64, fanOut: 4,
      ceiling: { warmupMs: 1000, durationMs: 8000 },
      rates: [50, 200, 1000], rateSeconds: 10, warmupEvents: 500,
      saturation: { events: 15_000, publishers: 32, maxSeconds: 30 },
      waitMs: 60_000,
      isolation: { webhooks: 10, hanging: 2, rate: 100, seconds: 10, waitMs: 20_000, deadline: '2s' },
      backlog: { deliveries: 1_000_000, webhooks: 20, publishers: 32, timeoutMs: 1_800_000 },
    };
}
