// The access token a simulation sends its steps with, from the account's Basic value (OAuth client credentials). A run
// can outlast a token (POSTBACK_TOKEN_TTL, an hour by default: about 28,000 steps at the default rate limit), so the
// source keeps the Basic value and gets a new token when a step is refused with 401.
import { fetchFailureCause } from './fetch-failure.ts';

/** The token request went wrong in a way the person running `simulate` fixes (the URL, the Basic value, the server). */
export class TokenRequestError extends Error {}

export type TokenSource = {
  /** The token to send now. */
  current(): string;
  /** A new token, unless `stale` was already replaced (by another worker's 401): then the one that replaced it. */
  renew(stale: string): Promise<string>;
};

/**
 * How long the token request may take. Fails closed: a URL that accepts the connection and never answers (another
 * service, a firewall that drops) is reported at once, not after the 5 minutes of silence fetch would wait.
 */
export const tokenTimeoutMs = 10_000;

/** Starts from `token`; renews with `basic`, or, without it (a test's fixed token), cannot. */
export function tokenSource(target: { baseUrl: string; token: string; basic?: string }): TokenSource {
  let token = target.token;
  // one renewal at a time: the workers refused together share it
  let renewing: Promise<string> | null = null;
  return {
    current: () => token,
    renew(stale) {
      if (stale !== token) return Promise.resolve(token);
      if (target.basic === undefined) return Promise.reject(new TokenRequestError('the token expired, and no Basic value was given to get another'));
      renewing ??= requestToken(target.baseUrl, target.basic).then((fresh) => { token = fresh; return fresh; }).finally(() => { renewing = null; });
      return renewing;
    },
  };
}

/** Postback's token endpoint, answered as Postback answers it, or a TokenRequestError saying what to fix. */
export async function requestToken(baseUrl: string, basic: string): Promise<string> {
  const url = new URL('/oauth/token?grant_type=client_credentials', baseUrl);
  const notPostback = `is --url the address of \`postback serve\`?`;
  let answer: Response;
  let text: string;
  try {
    answer = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}` }, signal: AbortSignal.timeout(tokenTimeoutMs) });
    text = await answer.text();
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw new TokenRequestError(`${url.origin} did not answer the token request within ${tokenTimeoutMs / 1000} s: ${notPostback}`);
    throw new TokenRequestError(`cannot reach ${url.origin} (${fetchFailureCause(error)}): is \`postback serve\` running there? Check --url`);
  }
  if (answer.status === 401 || answer.status === 400) throw new TokenRequestError(`the token request was refused (${answer.status}): check --basic, the Basic value \`postback account create\` printed`);
  // token requests count against the address (POSTBACK_RATE_LIMIT, and failed sign-ins): a limit, not a wrong URL
  if (answer.status === 429) throw new TokenRequestError(`the token request was refused for now (429, retry after ${answer.headers.get('retry-after') ?? 'a while'} s): too many requests from this address`);
  const token = answer.ok ? accessTokenIn(text) : null;
  if (token === null) throw new TokenRequestError(`the token request to ${url.origin}${url.pathname} did not answer as Postback does (${answer.status}, ${answer.headers.get('content-type') ?? 'no content type'}): ${notPostback}`);
  return token;
}

function accessTokenIn(text: string): string | null {
  try {
    const body = JSON.parse(text) as { access_token?: unknown } | null;
    return typeof body?.access_token === 'string' && body.access_token !== '' ? body.access_token : null;
  } catch {
    return null;
  }
}
