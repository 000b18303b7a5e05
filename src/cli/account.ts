// `postback account create --name NAME [--kind producer|affiliate] [--email E --password P] [--json] [--data-dir DIR] [--database-url URL]`
import { accountName } from '../accounts/account-name.ts';
import { createAccount } from '../accounts/create-account.ts';
import { createUser } from '../accounts/create-user.ts';
import { newPassword, normalizeEmail, userEmail } from '../accounts/user-credentials.ts';
import { describeStore, openStore } from '../store/open-store.ts';
import { SchemaTooNewError } from '../store/schema-too-new.ts';
import { configWithFlags, flagOptions, parseCommandLine } from './command-line.ts';
import { serverUrl } from './server-url.ts';
import { UsageError } from './usage-error.ts';
import type { Output } from './command-line.ts';


const usage = 'usage: postback account create --name NAME [--kind producer|affiliate] [--email E --password P] [--json] [--data-dir DIR] [--database-url URL]';

export async function accountCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, kind: { type: 'string', default: 'producer' }, json: { type: 'boolean', default: false }, ...flagOptions('data-dir', 'database-url'),
      email: { type: 'string' }, password: { type: 'string' } },
  }, usage);
  if (positionals[0] !== 'create' || positionals.length > 1) {
    throw new UsageError(`${positionals.length === 0 ? 'say what to do with accounts' : `unknown account command "${positionals.join(' ')}"`}; the one there is: ${usage.slice('usage: '.length)}`);
  }
  const checkedName = accountName.safeParse(values.name ?? '');
  if (!checkedName.success) {
    const issue = checkedName.error.issues[0];
    throw new UsageError(issue?.code === 'too_small' ? '--name is required (1 to 120 characters)' : `--name: ${issue?.message}`);
  }
  const name = checkedName.data;
  if (values.kind !== 'producer' && values.kind !== 'affiliate') throw new UsageError(`--kind must be producer or affiliate, not "${values.kind}"`);
  const user = dashboardUser(values.email, values.password);
  const config = configWithFlags({ 'data-dir': values['data-dir'], 'database-url': values['database-url'] });
  await using store = await openStore(config);
  // PostgreSQL refuses a newer schema as it opens; a SQLite file opens (serve then reports it on /readyz), so it is
  // checked here: an account written into a schema this build does not know may lack what the newer one needs
  const schema = await store.schemaStatus();
  if (schema.version > schema.expected) throw new SchemaTooNewError(schema.version, schema.expected, describeStore(config));
  // checked before anything is written, so a taken email leaves no account without its user behind
  if (user && await store.findUserByEmail(normalizeEmail(user.email))) throw new UsageError(`--email ${user.email} already signs in to an account; choose another email`);
  const issued = await createAccount(store, { name, kind: values.kind }, Date.now());
  const created = user ? await createUser(store, { accountId: issued.account_id, ...user }, Date.now()) : null;
  if (created?.kind === 'email_taken') throw new Error(`the account was created, but --email ${user?.email} was taken meanwhile by another process`);
  if (values.json) {
    out.log(JSON.stringify(created ? { ...issued, email: created.user.email } : issued));
    return 0;
  }
  // the store is named: a shell that lacks the server's DATABASE_URL writes to a SQLite file no server reads
  out.log(`Account "${name}" created (${values.kind}) on ${describeStore(config)}. The Client Secret is shown only now: keep it safe.\n`);
  out.log(`  Account ID     ${issued.account_id}`);
  out.log(`  Client ID      ${issued.client_id}`);
  out.log(`  Client Secret  ${issued.client_secret}`);
  out.log(`  Basic          ${issued.basic}`);
  out.log(`  Hottok         ${issued.hottok}`);
  const server = serverUrl(config) ?? 'http://<the address postback serve prints>';
  out.log(created ? `  Dashboard      sign in as ${created.user.email} at ${server}/\n` : '');
  out.log(`Get a token:  curl -X POST -H "Authorization: Basic ${issued.basic}" "${server}/oauth/token?grant_type=client_credentials"`);
  return 0;
}

/** The optional dashboard user: both flags or neither, each checked by the same rules as the set-up page. */
function dashboardUser(email: string | undefined, password: string | undefined): { email: string; password: string } | null {
  if (email === undefined && password === undefined) return null;
  if (email === undefined || password === undefined) throw new UsageError('--email and --password go together: they create the dashboard user of the account');
  const checkedEmail = userEmail.safeParse(email);
  if (!checkedEmail.success) throw new UsageError(`--email: ${checkedEmail.error.issues[0]?.message}`);
  const checkedPassword = newPassword.safeParse(password);
  if (!checkedPassword.success) throw new UsageError(`--password: ${checkedPassword.error.issues[0]?.message}`);
  return { email: checkedEmail.data, password: checkedPassword.data };
}
