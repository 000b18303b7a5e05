// The shape of a benchmark report (the JSON file, and what the table and the HTML page are made from).
import type { Machine } from './machine.ts';
import type { Outcome } from './outcome.ts';
import type { Plan } from './plan.ts';
import type { ProfileSummary } from './profile-summary.ts';
import type { StatementSummary } from './statement-stats.ts';
import type { BacklogResult } from './scenarios/backlog.ts';
import type { CeilingResult } from './scenarios/ceiling.ts';
import type { EndToEndResult } from './scenarios/end-to-end.ts';
import type { IsolationResult } from './scenarios/isolation.ts';
import type { BaselineResult } from './scenarios/pgboss-baseline.ts';
import type { ScaleOutResult } from './scenarios/scale-out.ts';

/**
 * In the JSON file a latency of Infinity (a percentile reached by deliveries that never arrived) is written as
 * null, JSON having no Infinity; `reviveReport` turns those back.
 */
export const reportSchema = 'postback-bench/1';

/** JSON.parse reviver for a saved report: null percentiles of a latency summary are Infinity again. */
export function reviveReport(key: string, value: unknown): unknown {
  return value === null && ['p50', 'p95', 'p99', 'max'].includes(key) ? Number.POSITIVE_INFINITY : value;
}

export type Scenarios = {
  ceiling: Outcome<CeilingResult>;
  endToEndSqlite: Outcome<EndToEndResult>;
  endToEndPostgres: Outcome<EndToEndResult>;
  pgbossBaseline: Outcome<BaselineResult>;
  isolation: Outcome<IsolationResult>;
  backlog: Outcome<BacklogResult>;
  /** Absent from reports written before the scenario existed (bench/rerender.ts reads those too). */
  scaleOut?: Outcome<ScaleOutResult>;
};

/** One line of the table: a figure, and the same figure relative to something measured in the same run. */
export type Figure = { scenario: string; figure: string; value: string; ratio: string };

export type Target = {
  name: string;
  /** What is required, in words, e.g. ">= 60 % of the ceiling". */
  required: string;
  measured: string;
  /** null: not measured in this run (a scenario skipped or failed). */
  met: boolean | null;
};

export type LabelledProfile = ProfileSummary & { label: string };

export type Report = {
  schema: typeof reportSchema;
  quick: boolean;
  command: string;
  startedAt: string;
  durationS: number;
  machine: Machine;
  plan: Plan;
  scenarios: Scenarios;
  figures: Figure[];
  targets: Target[];
  profiles: LabelledProfile[];
  /** With --profile: PostgreSQL's hottest statements in the PostgreSQL end-to-end run. */
  statements?: StatementSummary;
  notes: string[];
};
