// Maps PostgreSQL rows to the Store contract's objects. The tables have SQLite's column names, JSON columns are
// TEXT in both, BIGINT arrives as a number (database.ts) and BOOLEAN as true/false, which the SQLite mappers read
// through Number() already: so the mapping is shared, and a column added to one store cannot drift in the other.
export { rotatedPrevious, signingSecrets, toAffiliation, toAttempt, toDelivery, toEvent, toOffer, toProduct, toWebhook, toWebhookRoute } from '../sqlite/rows.ts';
