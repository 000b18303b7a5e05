// Checks payload files on disk (for `postback check-payload`): read, then validate a JSON file as a 2.0.0 body and
// a form-encoded one (`a=b&c=d`) as a 1.0.0 body.
import { open } from 'node:fs/promises';
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

/** The largest webhook body there is: Postback accepts none larger (the bound of POSTBACK_MAX_EVENT_BYTES). */
export const largestEventBytes = 16 * 1024 * 1024;

/** The file's text, or null past `largestEventBytes` (read no further: a device such as /dev/zero never ends). */
async function readBounded(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of handle.createReadStream({ autoClose: false, end: largestEventBytes })) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
    }
    // `end` is inclusive: a byte past the bound was read only if the file has one
    return length > largestEventBytes ? null : Buffer.concat(chunks, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function checkFile(file: string, audience: Audience): Promise<FileCheck> {
  let text: string | null;
  try {
    text = await readBounded(file);
  } catch (error) {
    return { file, ok: false, issues: [{ path: '', message: `Cannot read the file: ${reason(error)}` }] };
  }
  if (text === null) return { file, ok: false, issues: [{ path: '', message: `Larger than ${largestEventBytes / 1024 / 1024} MB: no webhook body is that large` }] };
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
