// Test support: the one way every test reads Hotmart-shaped payloads. They live in the project's own
// test/fixtures/hotmart/, written by us on the model of real Hotmart deliveries (same keys, nesting, types, date
// formats and irregularities; our own values, no real person's data), so a clone with nothing beside it passes
// its tests. The real captures are checked separately, by .ci/run's conformance step, when they are present.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const fixturesDir = new URL('../../test/fixtures/hotmart/', import.meta.url);

export type Fixture = { file: string; path: string; text: string; payload: Record<string, unknown> };

// Loose on purpose: tests read and mutate fixtures freely.
type Json = Record<string, any>;

/** Every fixture file, sorted by name. */
export function fixtureFiles(): string[] {
  return readdirSync(fixturesDir).filter((file) => file.endsWith('.json')).sort();
}

/** The absolute path of one fixture file, e.g. for a CLI test. */
export function fixturePath(file: string): string {
  return fileURLToPath(new URL(file, fixturesDir));
}

/** One whole payload (envelope and data), parsed afresh on every call so callers may mutate it. */
export function readFixture(file: string): Json {
  return JSON.parse(readFileSync(new URL(file, fixturesDir), 'utf8')) as Json;
}

/** The `data` of PURCHASE_APPROVED.json: the sale most tests publish. */
export function approvedSaleData(): Json {
  return readFixture('PURCHASE_APPROVED.json').data as Json;
}

export async function loadFixtures(): Promise<Fixture[]> {
  return fixtureFiles().map((file) => {
    const text = readFileSync(new URL(file, fixturesDir), 'utf8');
    return { file, path: fixturePath(file), text, payload: JSON.parse(text) as Record<string, unknown> };
  });
}

export async function loadFixture(file: string): Promise<Record<string, unknown>> {
  return readFixture(file);
}
