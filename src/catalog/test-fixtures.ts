// Test support: the real Hotmart payloads kept outside the repo in ../shared/fixtures/hotmart (never copied in).
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const fixturesDir = new URL('../../../shared/fixtures/hotmart/', import.meta.url);

export type Fixture = { file: string; path: string; text: string; payload: Record<string, unknown> };

export async function loadFixtures(): Promise<Fixture[]> {
  const files = (await readdir(fixturesDir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const url = new URL(file, fixturesDir);
      const text = await readFile(url, 'utf8');
      return { file, path: fileURLToPath(url), text, payload: JSON.parse(text) as Record<string, unknown> };
    }),
  );
}

export async function loadFixture(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL(file, fixturesDir), 'utf8')) as Record<string, unknown>;
}
