// `postback check-payload [--affiliate] FILE...`: validates Hotmart 2.0.0 (JSON) and 1.0.0 (form) payload files
// against the catalogue, as a producer's or (with --affiliate) as an affiliate's webhook receives them.
import { checkPayloadFiles } from '../catalog/index.ts';
import { stdinPath } from '../catalog/check-files.ts';
import { parseCommandLine } from './command-line.ts';
import type { Output } from './command-line.ts';
import { UsageError } from './usage-error.ts';


const usage = 'usage: postback check-payload [--affiliate] FILE...\n  Checks each JSON file as a Hotmart 2.0.0 webhook body (envelope and data),\n  and each form-encoded file (name=value&...) as a Hotmart 1.0.0 body (required fields and formats).\n  -: the standard input. After --, every argument is a file, even one that starts with -.\n  --affiliate: as an affiliate receives it (the buyer\'s data may be absent unless the producer shares it).';

/** Exit code: 0 when every file is valid, 1 when any is not (or cannot be read), 2 on wrong usage. */
export async function checkPayloadCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals: paths } = parseCommandLine({ args, allowPositionals: true, options: { affiliate: { type: 'boolean', default: false } } }, usage);
  if (paths.length === 0) {
    out.error(usage);
    return 2;
  }
  if (paths.filter((path) => path === stdinPath).length > 1) throw new UsageError(`${stdinPath} (the standard input) can be checked once`);
  const results = await checkPayloadFiles(paths, values.affiliate ? 'affiliate' : 'producer');
  for (const result of results) {
    const file = result.file === stdinPath ? '(stdin)' : result.file;
    if (result.ok) {
      out.log(`ok ${file}`);
      continue;
    }
    // A whole-file problem (unreadable, not JSON, not an object) has the empty path: print the message alone.
    for (const issue of result.issues) {
      out.error(issue.path === '' ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`);
    }
  }
  return results.every((result) => result.ok) ? 0 : 1;
}
