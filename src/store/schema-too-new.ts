// One fact for both stores and the command line: this build is older than the schema it found.
/**
 * The database was migrated by a newer Postback: this build neither migrates it nor writes to it (README "Upgrades and
 * migrations"). Thrown by postgres/database.ts for PostgreSQL, and for SQLite by migrate-store.ts and `account
 * create` (a SQLite `serve` starts all the same, and its /readyz says why it is not ready); the command line says it
 * in one line.
 */
export class SchemaTooNewError extends Error {
  constructor(version: number, known: number, where = 'the database') {
    super(`${where}: the schema is at version ${version}, newer than this Postback knows (${known}); a newer Postback migrated it: run that version, or restore the backup taken before it migrated`);
  }
}
