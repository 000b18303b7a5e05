// Checks payload files on disk (for `postback check-payload`): read, parse JSON, validate as a 2.0.0 body.
import { readFile } from 'node:fs/promises';
import { validateEnvelope } from './envelope.ts';
import type { FieldIssue } from './issues.ts';

export type FileCheck = { file: string; ok: boolean; issues: FieldIssue[] };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function checkFile(file: string): Promise<FileCheck> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { file, ok: false, issues: [{ path: '', message: `Cannot read the file: ${reason(error)}` }] };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    return { file, ok: false, issues: [{ path: '', message: `Not valid JSON: ${reason(error)}` }] };
  }
  const result = validateEnvelope(payload);
  return result.ok ? { file, ok: true, issues: [] } : { file, ok: false, issues: result.issues };
}

/** One result per path, in the order given; a bad file never stops the others from being checked. */
export function checkPayloadFiles(paths: string[]): Promise<FileCheck[]> {
  return Promise.all(paths.map(checkFile));
}
