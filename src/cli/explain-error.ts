// What the command line says when a command fails. A mistake of the person running it (a flag, a setting, a port in
// use, a folder it cannot write, a database it cannot reach) is one line saying what is wrong and what to do, with no
// stack; anything else is our bug and keeps its stack. LOG_LEVEL=debug shows the stack of every error.
import { ConfigurationError } from '../config.ts';
import { CopyRefused } from '../store/copy/copy-refused.ts';
import { SchemaTooNewError } from '../store/schema-too-new.ts';
import { UsageError } from './usage-error.ts';

export type Explained = { line: string; exitCode: number };

/** The settings a command's one-liners name: `postback members` has its own data folder, port and host. */
export type SettingNames = { dataDir: string; port: string; host: string };
export const serveSettings: SettingNames = { dataDir: 'POSTBACK_DATA_DIR', port: 'PORT', host: 'HOST' };
export const membersSettings: SettingNames = { dataDir: 'POSTBACK_MEMBERS_DATA_DIR', port: 'POSTBACK_MEMBERS_PORT', host: 'POSTBACK_MEMBERS_HOST' };

type SystemError = { code?: unknown; errcode?: unknown; syscall?: unknown; path?: unknown; address?: unknown; port?: unknown; message?: unknown };

/** The one line for an error a person can fix, with the exit code; null for our bugs. */
export function explainError(error: unknown, settings: SettingNames = serveSettings): Explained | null {
  if (error instanceof UsageError) return { line: error.message, exitCode: 2 };
  if (error instanceof ConfigurationError || error instanceof SchemaTooNewError || error instanceof CopyRefused) return { line: error.message, exitCode: 1 };
  if (typeof error !== 'object' || error === null) return null;
  const line = listenProblem(error, settings) ?? fileProblem(error, settings) ?? databaseProblem(error);
  return line === null ? null : { line, exitCode: 1 };
}

function listenProblem(error: SystemError, { port, host }: SettingNames): string | null {
  if (error.syscall !== 'listen' && error.code !== 'EADDRINUSE') return null;
  const where = typeof error.port === 'number' ? `port ${error.port}${typeof error.address === 'string' ? ` on ${error.address}` : ''}` : 'the port';
  switch (error.code) {
    case 'EADDRINUSE': return `${where} is already in use by another process: stop it, or choose another port with ${port} or --port`;
    case 'EACCES': return `${where} needs privileges this user does not have: choose a port above 1023 with ${port} or --port (and put a proxy in front for 80/443)`;
    case 'EADDRNOTAVAIL': return `${typeof error.address === 'string' ? error.address : host} is not an address of this machine: set ${host} (or --host) to one of its addresses, or 0.0.0.0 for all`;
    default: return null;
  }
}

// the data directory (or a file in it: the database, the key file) cannot be created or written
const unwritable = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EISDIR']);
// SQLite's SQLITE_CANTOPEN and SQLITE_READONLY (node:sqlite reports them as errcode)
const sqliteCannotWrite = new Set([14, 8]);
// SQLite's SQLITE_NOTADB and SQLITE_CORRUPT: another kind of file where the database should be, or a damaged one
const sqliteDamaged = new Set([26, 11]);

// why a data folder could not be made, where the code alone does not say
const cannotMake: Record<string, string> = {
  ENOENT: 'the folder above it cannot hold folders',
  EEXIST: 'something that is not a folder is there, or a link to nothing',
};

function fileProblem(error: SystemError, { dataDir }: SettingNames): string | null {
  const why = error.syscall === 'mkdir' && typeof error.code === 'string' ? cannotMake[error.code] : undefined;
  if (why !== undefined && typeof error.path === 'string') {
    return `cannot create ${error.path} (${String(error.code)}: ${why}): set ${dataDir} (or --data-dir) to a folder this user can create and write`;
  }
  if (typeof error.code === 'string' && unwritable.has(error.code) && typeof error.path === 'string') {
    return `cannot write ${error.path} (${error.code}): set ${dataDir} (or --data-dir) to a folder this user can create and write, or fix its permissions`;
  }
  const sqliteCode = error.code === 'ERR_SQLITE_ERROR' && typeof error.errcode === 'number' ? error.errcode : null;
  if (sqliteCode !== null && sqliteCannotWrite.has(sqliteCode)) {
    return `the SQLite database cannot be opened for writing (${String(error.message)}): set ${dataDir} (or --data-dir) to a folder this user can write`;
  }
  if (sqliteCode !== null && sqliteDamaged.has(sqliteCode)) {
    return `the SQLite database is not one Postback can read (${String(error.message)}): restore the file from a backup, or set ${dataDir} (or --data-dir) to the folder that holds yours`;
  }
  return null;
}

// PostgreSQL answers that only a setting can fix: the login, the database's name, the role's rights
const postgresSetup: Record<string, string> = {
  '28P01': 'the password in DATABASE_URL is wrong',
  '28000': 'DATABASE_URL names a role that may not log in',
  '3D000': 'the database DATABASE_URL names does not exist (create it first, e.g. `createdb postback`)',
  '42501': 'the role in DATABASE_URL may not create Postback\'s tables (grant it CREATE on the database)',
};

// What the pg driver itself says (plain Errors, known by their text alone) when a connection never becomes a session
const postgresClient: [RegExp, string][] = [
  // pg-pool gave up waiting (a host that accepts TCP and never answers), or the peer hung up first
  [/^Connection terminated (due to connection timeout|unexpectedly)$/, 'PostgreSQL did not answer at the host and port in DATABASE_URL (connection timed out or was cut): is that address a PostgreSQL server reachable from here (firewall, security group, VPN)? Fix DATABASE_URL or the network'],
  // the server asks for a password (SCRAM) that the URL does not hold
  [/^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a (non-empty )?string$/, 'PostgreSQL asks for a password and DATABASE_URL has none: put it in the URL, postgres://user:PASSWORD@host:port/database'],
  [/^The server does not support SSL connections$/, 'DATABASE_URL asks for TLS (sslmode or ssl) and this PostgreSQL server does not offer it: turn on ssl in the server, or remove sslmode from DATABASE_URL where the network is private'],
];

function databaseProblem(error: SystemError): string | null {
  if (typeof error.code === 'string' && Object.hasOwn(postgresSetup, error.code)) return `PostgreSQL: ${postgresSetup[error.code]}; fix DATABASE_URL or the database`;
  if ((error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') && (error.syscall === 'connect' || error.syscall === 'getaddrinfo')) {
    const where = typeof error.address === 'string' ? `${error.address}${typeof error.port === 'number' ? `:${error.port}` : ''}` : 'the host in DATABASE_URL';
    return `cannot reach PostgreSQL at ${where} (${error.code}): is it running, and is DATABASE_URL right?`;
  }
  const message = typeof error.message === 'string' ? error.message : '';
  return postgresClient.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
