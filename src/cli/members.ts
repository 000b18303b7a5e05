// `postback members [--port N] [--host H] [--data-dir DIR]`: the members-area receiver, configured by environment
// (POSTBACK_MEMBERS_*, SMTP_URL, POSTBACK_MAIL_FROM); the flags win over their variables.
import { ConfigurationError, loadConfig } from '../config.ts';
import { createLogger } from '../logging.ts';
import { MailSetupError } from '../mail/mailer.ts';
import { loadMembersConfig } from '../members/members-config.ts';
import { startMembersArea } from '../members/start-members.ts';
import { loadWithFlags, parseCommandLine } from './command-line.ts';
import type { Output } from './command-line.ts';


const usage = 'usage: postback members [--port N] [--host H] [--data-dir DIR]   (POSTBACK_MEMBERS_HOTTOK, POSTBACK_MEMBERS_PRODUCTS and SMTP_URL are required; see the README)';
const flagEnv = { port: 'POSTBACK_MEMBERS_PORT', host: 'POSTBACK_MEMBERS_HOST', 'data-dir': 'POSTBACK_MEMBERS_DATA_DIR' } as const;

export async function membersCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({ args, options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } } }, usage);
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  // a setting that cannot work (a missing hottok, bad SMTP settings) is the operator's to fix: one line, exit 1
  const [config, platform] = loadWithFlags(values, flagEnv, (env) => [loadMembersConfig(env), loadConfig(env)] as const);
  const logger = createLogger(platform.logLevel, 'members');
  const area = await startMembersArea(config, { smtpUrl: platform.smtpUrl, from: platform.mailFrom }, logger.child({ app: 'members' })).catch((error: unknown) => {
    throw error instanceof MailSetupError ? new ConfigurationError(error.message) : error;
  });
  out.log(`Postback members area on ${area.url}, products ${config.products.join(', ')}, mail through ${area.mailer.description}`);
  out.log(`  Students   ${area.publicUrl}/`);
  out.log(`  Webhook    POST ${area.publicUrl}/   (hottok${config.signingSecret ? ' and signature' : ''} checked)`);
  out.log(`  Admin      ${config.adminPassword ? `${area.publicUrl}/admin` : 'off (set POSTBACK_MEMBERS_ADMIN_PASSWORD)'}`);
  out.log(`  JSON API   ${config.apiToken ? `${area.publicUrl}/api/access, ${area.publicUrl}/api/decisions` : 'off (set POSTBACK_MEMBERS_API_TOKEN)'}`);
  const signal = await stopRequested;
  logger.info({ signal }, 'members area shutting down');
  await area.close();
  return 0;
}
