// Where `postback serve` answers, as the commands that talk to it name it (`account create` prints it, `simulate`
// sends to it by default).
import type { Config } from '../config.ts';

/**
 * Where `postback serve` with this configuration answers (PORT and HOST): a host that means every address is reached
 * as localhost from this machine; PORT=0 (a free port, chosen at start-up) can only be named by serve itself: null.
 */
export function serverUrl(config: Pick<Config, 'host' | 'port'>): string | null {
  if (config.port === 0) return null;
  const host = config.host === '0.0.0.0' || config.host === '::' || config.host === '' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}
