// The running version, from package.json: it names the User-Agent and the /health answer.
import packageJson from '../package.json' with { type: 'json' };

export const postbackVersion: string = packageJson.version;
export const userAgent = `Postback/${postbackVersion}`;
