// `postback check-payload FILE...`: validates Hotmart 2.0.0 (JSON) and 1.0.0 (form) payload files against the catalogue.
import { checkPayloadFiles } from '../catalog/index.ts';

type Output = { log(s: string): void; error(s: string): void };

const usage = 'usage: postback check-payload FILE...\n  Checks each JSON file as a Hotmart 2.0.0 webhook body (envelope and data),\n  and each form-encoded file (name=value&...) as a Hotmart 1.0.0 body (required fields and formats).';

/** Exit code: 0 when every file is valid, 1 when any is not (or cannot be read), 2 on wrong usage. */
export async function checkPayloadCommand(paths: string[], out: Output): Promise<number> {
  if (paths.includes('--help') || paths.includes('-h')) {
    out.log(usage);
    return 0;
  }
  if (paths.length === 0) {
    out.error(usage);
    return 2;
  }
  const results = await checkPayloadFiles(paths);
  for (const result of results) {
    if (result.ok) {
      out.log(`ok ${result.file}`);
      continue;
    }
    // A whole-file problem (unreadable, not JSON, not an object) has the empty path: print the message alone.
    for (const issue of result.issues) {
      out.error(issue.path === '' ? `${result.file}: ${issue.message}` : `${result.file}: ${issue.path}: ${issue.message}`);
    }
  }
  return results.every((result) => result.ok) ? 0 : 1;
}
