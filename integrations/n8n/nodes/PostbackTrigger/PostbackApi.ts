import { createHash } from 'node:crypto';
import type { IDataObject, IHookFunctions, IHttpRequestMethods, IWebhookFunctions } from 'n8n-workflow';

type Context = IHookFunctions | IWebhookFunctions;
type Credentials = { url: string; clientId: string; clientSecret: string };
type Answer = { statusCode: number; headers?: Record<string, unknown>; body: IDataObject };

// Access tokens by credentials (Postback URL, Client ID and Client Secret), for this n8n process: a token lives an
// hour (POSTBACK_TOKEN_TTL), so activating many workflows does not exchange credentials each time. The secret is part
// of the key: keyed on URL and Client ID alone, a credential with a wrong secret got the token another user's right
// one had fetched, and with it that account's sales (the Client ID is no secret: every Basic header carries it). The
// key is a SHA-256 of the three, so no secret sits in memory as a map key. A 401 (expired, or the secret rotated)
// exchanges again once. The exchange in flight is cached too, as a promise: executions that need a token meanwhile
// share it, where each used to POST /oauth/token, enough at once to spend the address's budget there (429).
const tokens = new Map<string, Promise<string>>();

/** The Postback address from the credentials, without trailing slashes or a pasted /api/v1. */
export function baseUrl(credentials: Credentials): string {
  return String(credentials.url).trim().replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

/** The credentials without the spaces or line break a copy from the dashboard often brings along; `url` is baseUrl(). */
function cleaned(credentials: Credentials): Credentials {
  return { url: baseUrl(credentials), clientId: String(credentials.clientId).trim(), clientSecret: String(credentials.clientSecret).trim() };
}

/** The cached token (or the exchange in flight), unless it is `stale`: then one new exchange, shared in turn. */
function tokenFor(context: Context, credentials: Credentials, stale?: Promise<string>): Promise<string> {
  const key = createHash('sha256').update(`${credentials.url}\n${credentials.clientId}\n${credentials.clientSecret}`).digest('hex');
  const current = tokens.get(key);
  if (current !== undefined && current !== stale) return current;
  const exchanging = exchange(context, credentials);
  tokens.set(key, exchanging);
  // a refused exchange is not kept: the next execution tries again (with credentials fixed, or after the 429)
  exchanging.catch(() => { if (tokens.get(key) === exchanging) tokens.delete(key); });
  return exchanging;
}

async function exchange(context: Context, credentials: Credentials): Promise<string> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  const url = `${credentials.url}/oauth/token`;
  const answer = (await context.helpers.httpRequest({
    method: 'POST', url, qs: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${basic}` },
    json: true, returnFullResponse: true, ignoreHttpStatusErrors: true,
  })) as Answer;
  if (answer.statusCode === 200) return String(answer.body.access_token);
  if (answer.statusCode === 429) throw new Error(rateLimited(answer));
  if (answer.statusCode === 400 || answer.statusCode === 401) throw new Error(`Postback did not accept the Client ID and Client Secret (HTTP ${answer.statusCode}): copy them again from Credentials in your Postback dashboard.`);
  throw new Error(`Postback answered HTTP ${answer.statusCode} to the token request at ${url}: check the Postback URL in the credentials. ${detailOf(answer)}`.trim());
}

/** A 429 says nothing about the credentials: Postback limits token requests per address (failed ones above all). */
function rateLimited(answer: Answer): string {
  const retryAfter = answer.headers?.['retry-after'];
  const wait = retryAfter === undefined ? 'later' : `in ${String(retryAfter)} s (Retry-After)`;
  return `Postback rate-limited the token request (HTTP 429): try again ${wait}. ${detailOf(answer)}`.trim();
}

const detailOf = (answer: Answer) => (typeof answer.body?.detail === 'string' ? answer.body.detail : '');

/**
 * One call to the Postback API as the credentials' account. Answers every status (the caller decides what a 404
 * means) except a 401 that a fresh token does not cure, which throws.
 */
export async function postbackApiRequest(this: Context, method: IHttpRequestMethods, path: string, body?: IDataObject): Promise<Answer> {
  const credentials = cleaned((await this.getCredentials('postbackApi')) as unknown as Credentials);
  const call = async (token: string) => (await this.helpers.httpRequest({
    method, url: `${credentials.url}/api/v1${path}`, headers: { authorization: `Bearer ${token}` }, body, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true,
  })) as Answer;
  const first = tokenFor(this, credentials);
  let answer = await call(await first);
  // the token expired (or the secret was rotated): exchange once more, or share the exchange another call started
  if (answer.statusCode === 401) answer = await call(await tokenFor(this, credentials, first));
  if (answer.statusCode === 401) throw new Error('Postback refused the access token: check the credentials.');
  return answer;
}
