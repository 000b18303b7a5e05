// `postback account create --name NAME [--kind producer|affiliate] [--json]`
import { createAccount } from '../accounts/create-account.ts';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/open-store.ts';
import { parseCommandLine, UsageError } from './usage-error.ts';

type Output = { log(line: string): void; error(line: string): void };

export async function accountCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, kind: { type: 'string', default: 'producer' }, json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  if (positionals[0] !== 'create' || positionals.length > 1) throw new UsageError('usage: postback account create --name NAME [--kind producer|affiliate] [--json] [--data-dir DIR]');
  const name = values.name?.trim() ?? '';
  if (name.length === 0 || name.length > 120) throw new UsageError('--name is required (1 to 120 characters)');
  if (values.kind !== 'producer' && values.kind !== 'affiliate') throw new UsageError(`--kind must be producer or affiliate, not "${values.kind}"`);
  const config = loadConfig(process.env, values['data-dir'] ? { dataDir: values['data-dir'] } : {});
  await using store = openStore(config);
  const issued = await createAccount(store, { name, kind: values.kind }, Date.now());
  if (values.json) {
    out.log(JSON.stringify(issued));
    return 0;
  }
  out.log(`Account "${name}" created (${values.kind}). The Client Secret is shown only now: keep it safe.\n`);
  out.log(`  Account ID     ${issued.account_id}`);
  out.log(`  Client ID      ${issued.client_id}`);
  out.log(`  Client Secret  ${issued.client_secret}`);
  out.log(`  Basic          ${issued.basic}`);
  out.log(`  Hottok         ${issued.hottok}\n`);
  out.log(`Get a token:  curl -X POST -H "Authorization: Basic ${issued.basic}" "http://localhost:${config.port}/oauth/token?grant_type=client_credentials"`);
  return 0;
}
