// Why `postback copy-to-postgres` stopped: a state a person can fix (the source in use or missing, a target that is
// not empty, a copy that failed and was rolled back). The command line says it in one line (explain-error.ts), exit 1.

/** The copy did not happen, and PostgreSQL holds none of it: the message says why and what to do. */
export class CopyRefused extends Error {}
