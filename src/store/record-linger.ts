// How long an attempt's record waits for the rest of its burst, in both stores. A publish's deliveries are answered
// within a millisecond or two of each other: below saturation their records then share one write (a statement on
// PostgreSQL, a COMMIT on SQLite) instead of taking one each. A queue of `below` records or more goes at once. Only the
// record waits, with the webhook's slot it frees: the delivery has already reached its receiver, and its lease holds
// the row meanwhile (PERFORMANCE.md: a burst's records in one statement; records linger on SQLite too).

/** A short queue of lingering work waits `ms` for the rest of its burst; `below` lingering calls or more go at once. */
export type Linger = { ms: number; below: number };

export const recordLinger: Linger = { ms: 2, below: 16 };
