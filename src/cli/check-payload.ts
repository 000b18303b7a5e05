// `postback check-payload [--affiliate] FILE...`: validates Hotmart 2.0.0 (JSON) and 1.0.0 (form) payload files
// against the catalogue, as a producer's or (with --affiliate) as an affiliate's webhook receives them.
import { checkPayloadFiles } from '../catalog/index.ts';
import type { Output } from './command-line.ts';


const usage = 'usage: postback check-payload [--affiliate] FILE...\n  Checks each JSON file as a Hotmart 2.0.0 webhook body (envelope and data),\n  and each form-encoded file (name=value&...) as a Hotmart 1.0.0 body (required fields and formats).\n  --affiliate: as an affiliate receives it (the buyer\'s data may be absent unless the producer shares it).';

/** Exit code: 0 when every file is valid, 1 when any is not (or cannot be read), 2 on wrong usage. */
export async function checkPayloadCommand(args: string[], out: Output): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out.log(usage);
    return 0;
  }
  const paths = args.filter((arg) => arg !== '--affiliate');
  if (paths.length === 0) {
    out.error(usage);
    return 2;
  }
  const results = await checkPayloadFiles(paths, args.includes('--affiliate') ? 'affiliate' : 'producer');
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
