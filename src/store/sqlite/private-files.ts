// The embedded database holds buyers' personal data (names, emails, documents, addresses): its folder is made 0700
// and its file 0600, as secret.key already is. SQLite gives the -wal and -shm files it creates the mode of the
// database file, so they are 0600 too. Modes an operator chose for an existing folder or file are left alone and
// reported, so start-up can warn about them.
import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const privateFolder = 0o700;
const privateFile = 0o600;
// any permission for the group or for others
const sharedBits = 0o077;

/** Creates the database's folder (0700) and the empty database file (0600) when they do not exist yet. */
export function createPrivately(file: string): void {
  makeFolders(dirname(file));
  try {
    closeSync(openSync(file, 'wx', privateFile));
  } catch (error) {
    // another process made it meanwhile (an api and a worker starting together), or it existed: SQLite opens it as it is
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Creates `folder` and each missing folder above it, 0700. One level at a time: Node's recursive mkdir retries forever
 * where mkdir answers ENOENT under a folder that exists (a data folder under /proc kept a core busy and never started).
 */
function makeFolders(folder: string): void {
  const parent = dirname(folder);
  if (parent !== folder && !existsSync(parent)) makeFolders(parent);
  try {
    mkdirSync(folder, { mode: privateFolder });
  } catch (error) {
    // made meanwhile by another process; not so a file there or a link to nothing (existsSync said it was missing)
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || statSync(folder, { throwIfNoEntry: false })?.isDirectory() !== true) throw error;
  }
}

/** The data folder and the database's files that other users may read or enter, with their modes, e.g. "data (0755)". */
function widerThanPrivate(file: string): string[] {
  const folder = dirname(file);
  const paths = [folder, file, `${file}-wal`, `${file}-shm`, join(folder, 'secret.key')];
  return paths.filter((path) => existsSync(path) && (statSync(path).mode & sharedBits) !== 0)
    .map((path) => `${path === folder ? path : basename(path)} (${(statSync(path).mode & 0o777).toString(8).padStart(4, '0')})`);
}

/**
 * The start-up warning for a database whose folder or files other users may read (`holds`: what it holds), or null.
 * Fails open (a warning, not a refusal): the operator may share the folder on purpose, e.g. with a backup user.
 */
export function sharedDatabaseWarning(file: string, holds: string): { paths: string[]; message: string } | null {
  const paths = widerThanPrivate(file);
  return paths.length === 0 ? null
    : { paths, message: `Other users of this machine may read ${holds}: ${paths.join(', ')}. Run chmod 700 ${dirname(file)} (and chmod 600 on its files).` };
}
