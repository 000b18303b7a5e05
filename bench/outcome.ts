// How a scenario ended: completed (with its figures), skipped (with why: e.g. the PostgreSQL store is not there),
// or failed (with the error). A failed scenario never stops the others; the report says what happened.

/** Thrown by a scenario whose precondition is missing: reported as skipped, not failed. */
export class ScenarioSkipped extends Error {}

export type Outcome<T> = ({ status: 'completed' } & T) | { status: 'skipped'; reason: string } | { status: 'failed'; reason: string };

export async function outcomeOf<T extends object>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ...(await run()), status: 'completed' };
  } catch (error) {
    if (error instanceof ScenarioSkipped) return { status: 'skipped', reason: error.message };
    return { status: 'failed', reason: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
