// Checks payload files on disk (for `postback check-payload`): read, then validate a JSON file as a 2.0.0 body and
// a form-encoded one (`a=b&c=d`) as a 1.0.0 body. `-` is the standard input.
import { open } from 'node:fs/promises';
import { maxJsonDepth, nestsDeeperThan } from '../api/json-body.ts';
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

/** The path that names the standard input, as for most commands. */
export const stdinPath = '-';

/** The file's bytes, or null past `largestEventBytes` (read no further: a device such as /dev/zero never ends). */
async function readBounded(file: string): Promise<Buffer | null> {
  if (file === stdinPath) return collectBounded(process.stdin);
  const handle = await open(file, 'r');
  try {
    // `end` is inclusive: a byte past the bound is read only if the file has one
    return await collectBounded(handle.createReadStream({ autoClose: false, end: largestEventBytes }));
  } finally {
    await handle.close();
  }
}

async function collectBounded(stream: AsyncIterable<Buffer>): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > largestEventBytes) return null;
  }
  return Buffer.concat(chunks, length);
}

// fatal: bytes that are not UTF-8 (a Latin-1 export) are reported, not read as U+FFFD, which would pass for text;
// ignoreBOM: a byte-order mark stays in the text (as Buffer#toString kept it), where it is reported as not JSON
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

async function checkFile(file: string, audience: Audience): Promise<FileCheck> {
  let bytes: Buffer | null;
  try {
    bytes = await readBounded(file);
  } catch (error) {
    return { file, ok: false, issues: [{ path: '', message: `Cannot read the file: ${reason(error)}` }] };
  }
  if (bytes === null) return { file, ok: false, issues: [{ path: '', message: `Larger than ${largestEventBytes / 1024 / 1024} MB: no webhook body is that large` }] };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { file, ok: false, issues: [{ path: '', message: 'Not UTF-8 text: webhook bodies are UTF-8 (convert the file, e.g. iconv -f latin1 -t utf-8)' }] };
  }
  if (isFormText(text)) {
    const form = validateLegacyForm(text, undefined, audience);
    return form.ok ? { file, ok: true, issues: [] } : { file, ok: false, issues: form.issues };
  }
  // the API's own limit, counted the same way: a body it would refuse (400 json_too_deep) is not a valid one
  if (nestsDeeperThan(text, maxJsonDepth)) return { file, ok: false, issues: [{ path: '', message: `Nests objects and arrays more than ${maxJsonDepth} levels deep: Postback's API refuses such a body (json_too_deep)` }] };
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    return { file, ok: false, issues: [{ path: '', message: `Not valid JSON: ${reason(error)}` }] };
  }
  const result = validateEnvelope(payload, audience);
  return result.ok ? { file, ok: true, issues: [] } : { file, ok: false, issues: result.issues };
}

/**
 * Files read at once. A folder of captured deliveries (`check-payload captures/*.json`) may hold thousands: opening them
 * all at once ran out of descriptors (EMFILE past 1,024 on Linux, 256 on macOS) and held every file's bytes (up to
 * 16 MB each) together. A few at a time keep the disk busy all the same.
 */
const filesAtOnce = 8;

/** One result per path, in the order given; a bad file never stops the others from being checked. */
export async function checkPayloadFiles(paths: string[], audience: Audience = 'producer'): Promise<FileCheck[]> {
  const results: FileCheck[] = new Array(paths.length);
  let next = 0;
  const reader = async () => {
    for (let index = next++; index < paths.length; index = next++) results[index] = await checkFile(paths[index]!, audience);
  };
  await Promise.all(Array.from({ length: Math.min(filesAtOnce, paths.length) }, reader));
  return results;
}
