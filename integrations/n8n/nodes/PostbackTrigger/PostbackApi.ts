import type { IDataObject, IHookFunctions, IHttpRequestMethods, IWebhookFunctions } from 'n8n-workflow';

type Context = IHookFunctions | IWebhookFunctions;
type Credentials = { url: string; clientId: string; clientSecret: string };
type Answer = { statusCode: number; body: IDataObject };

// Access tokens by Client ID, for this n8n process: a token lives an hour (POSTBACK_TOKEN_TTL), so activating many
// workflows does not exchange credentials each time. A 401 (expired, or the secret rotated) exchanges again once.
const tokens = new Map<string, string>();

/** The Postback address from the credentials, without trailing slashes or a pasted /api/v1. */
export function baseUrl(credentials: Credentials): string {
  return String(credentials.url).trim().replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

async function exchange(context: Context, credentials: Credentials): Promise<string> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  const answer = (await context.helpers.httpRequest({
    method: 'POST', url: `${baseUrl(credentials)}/oauth/token`, qs: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${basic}` },
    json: true, returnFullResponse: true, ignoreHttpStatusErrors: true,
  })) as Answer;
  if (answer.statusCode !== 200) throw new Error(`Postback did not accept the Client ID and Client Secret (HTTP ${answer.statusCode}): copy them again from Credentials in your Postback dashboard.`);
  const token = String(answer.body.access_token);
  tokens.set(credentials.clientId, token);
  return token;
}

/**
 * One call to the Postback API as the credentials' account. Answers every status (the caller decides what a 404
 * means) except a 401 that a fresh token does not cure, which throws.
 */
export async function postbackApiRequest(this: Context, method: IHttpRequestMethods, path: string, body?: IDataObject): Promise<Answer> {
  const credentials = (await this.getCredentials('postbackApi')) as unknown as Credentials;
  const call = async (token: string) => (await this.helpers.httpRequest({
    method, url: `${baseUrl(credentials)}/api/v1${path}`, headers: { authorization: `Bearer ${token}` }, body, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true,
  })) as Answer;
  const cached = tokens.get(credentials.clientId);
  let answer = await call(cached ?? await exchange(this, credentials));
  if (answer.statusCode === 401 && cached !== undefined) answer = await call(await exchange(this, credentials));
  if (answer.statusCode === 401) throw new Error('Postback refused the access token: check the credentials.');
  return answer;
}
