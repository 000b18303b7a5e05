// Checks payload files on disk (for `postback check-payload`): read, then validate a JSON file as a 2.0.0 body and
// a form-encoded one (`a=b&c=d`) as a 1.0.0 body.
import { readFile } from 'node:fs/promises';
import { validateEnvelope } from './envelope.ts';
import type { FieldIssue } from './issues.ts';
import type { Audience } from './redact.ts';
import { validateLegacyForm } from './v1/validate.ts';

export type FileCheck = { file: string; ok: boolean; issues: FieldIssue[] };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Form text starts with a field name and "="; JSON starts with "{" or "[". Anything else is treated as JSON, so a
// stray text file gets the JSON parser's message rather than a list of missing form fields.
function isFormText(text: string): boolean {
  return /^[A-Za-z0-9_.%+-]+=/.test(text.trim());
}

async function checkFile(file: string, audience: Audience): Promise<FileCheck> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { file, ok: false, issues: [{ path: '', message: `Cannot read the file: ${reason(error)}` }] };
  }
  if (isFormText(text)) {
    const form = validateLegacyForm(text, undefined, audience);
    return form.ok ? { file, ok: true, issues: [] } : { file, ok: false, issues: form.issues };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    return { file, ok: false, issues: [{ path: '', message: `Not valid JSON: ${reason(error)}` }] };
  }
  const result = validateEnvelope(payload, audience);
  return result.ok ? { file, ok: true, issues: [] } : { file, ok: false, issues: result.issues };
}

/** One result per path, in the order given; a bad file never stops the others from being checked. */
export function checkPayloadFiles(paths: string[], audience: Audience = 'producer'): Promise<FileCheck[]> {
  return Promise.all(paths.map((path) => checkFile(path, audience)));
}
