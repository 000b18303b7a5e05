// How a scenario ended: completed (with its figures), skipped (with why: e.g. the PostgreSQL store is not there),
// or failed (with the error). A failed scenario never stops the others; the report says what happened.

/** Thrown by a scenario whose precondition is missing: reported as skipped, not failed. */
export class ScenarioSkipped extends Error {}

/** `seconds`: the scenario's wall time, set-up and tear-down included. */
export type Outcome<T> = ({ status: 'completed'; seconds: number } & T) | { status: 'skipped'; reason: string; seconds: number } | { status: 'failed'; reason: string; seconds: number };

export async function outcomeOf<T extends object>(run: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  const seconds = (): number => Math.round((performance.now() - started) / 100) / 10;
  try {
    const result = await run();
    return { ...result, status: 'completed', seconds: seconds() };
  } catch (error) {
    if (error instanceof ScenarioSkipped) return { status: 'skipped', reason: error.message, seconds: seconds() };
    return { status: 'failed', reason: error instanceof Error ? (error.stack ?? error.message) : String(error), seconds: seconds() };
  }
}
