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
  /** Longest wait, before a phase, for the previous one's stragglers (0: none). */
  quiesceMs: number;
  /**
   * `tenants`: for each size, account B alone and beside account A with that many hanging webhooks, each for
   * `tenantSeconds` (tenant-isolation.ts).
   */
  isolation: { webhooks: number; hanging: number; rate: number; seconds: number; waitMs: number; deadline: string; tenants: number[]; tenantSeconds: number };
  /** The backlog is built for at most `buildMaxMs` and drained for at most `drainMaxMs` (figures say how far it got). */
  backlog: { deliveries: number; webhooks: number; publishers: number; buildMaxMs: number; drainMaxMs: number };
  /** Worker processes on one PostgreSQL (scale-out.ts): for each count, a `backlog` drained, then a saturation phase. */
  scaleOut: { workers: number[]; databasePool: number; backlog: number; publishers: number; buildMaxMs: number; drainMaxMs: number;
    saturation: { events: number; publishers: number; maxSeconds: number } };
};

export function planFor(quick: boolean): Plan {
  return quick
    ? {
      quick, concurrency: 64, fanOut: 4,
      // one offered rate (the one a target is about), and every wait cut short: the smoke checks that each
      // scenario runs end to end, never a figure, and has to finish in under a minute on a busy 2-core machine
      ceiling: { warmupMs: 200, durationMs: 800 },
      rates: [200], rateSeconds: 0.5, warmupEvents: 20,
      saturation: { events: 2000, publishers: 32, maxSeconds: 1 },
      waitMs: 1500, quiesceMs: 0,
      isolation: { webhooks: 10, hanging: 2, rate: 50, seconds: 0.5, waitMs: 1500, deadline: '2s', tenants: [9], tenantSeconds: 0.5 },
      backlog: { deliveries: 20_000, webhooks: 20, publishers: 32, buildMaxMs: 3000, drainMaxMs: 4000 },
      // one count, two workers: the smoke checks that workers share one database, and each count costs process start-ups
      scaleOut: { workers: [2], databasePool: 10, backlog: 200, publishers: 16, buildMaxMs: 2000, drainMaxMs: 3000, saturation: { events: 100, publishers: 16, maxSeconds: 0.5 } },
    }
    : {
      quick, concurrency: 64, fanOut: 4,
      ceiling: { warmupMs: 1000, durationMs: 8000 },
      rates: [50, 200, 1000], rateSeconds: 10, warmupEvents: 500,
      saturation: { events: 15_000, publishers: 32, maxSeconds: 20 },
      waitMs: 45_000, quiesceMs: 120_000,
      // B's phases are three times as long as the others: its target compares two p99s, and at 500 deliveries a p99 is
      // the 5th-latest, which one of the machine's stalls could set alone (README Performance: the tail on this machine)
      isolation: { webhooks: 10, hanging: 2, rate: 50, seconds: 10, waitMs: 20_000, deadline: '2s', tenants: [9, 20, 50], tenantSeconds: 30 },
      backlog: { deliveries: 1_000_000, webhooks: 20, publishers: 32, buildMaxMs: 900_000, drainMaxMs: 600_000 },
      scaleOut: { workers: [1, 2, 4], databasePool: 10, backlog: 20_000, publishers: 32, buildMaxMs: 60_000, drainMaxMs: 120_000, saturation: { events: 4000, publishers: 32, maxSeconds: 10 } },
    };
}
