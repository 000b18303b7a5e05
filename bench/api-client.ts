// The bench's side of Postback's public API: a token, webhooks, and a publisher for POST /api/v1/events.
import { Pool } from 'undici';

export type Publisher = {
  /** Sends one publish request; resolves with the HTTP status (0 for a network error). */
  publish(body: string): Promise<number>;
  close(): Promise<void>;
};

async function callJson(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? null : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

export async function accessToken(apiUrl: string, basic: string): Promise<string> {
  const answer = await callJson(`${apiUrl}/oauth/token?grant_type=client_credentials`, 'POST', { authorization: `Basic ${basic}` });
  if (answer.status !== 200) throw new Error(`token request answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return String(answer.json.access_token);
}

/** Creates one webhook for PURCHASE_APPROVED per URL; returns their ids in the same order. */
export async function createWebhooks(apiUrl: string, token: string, urls: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, url] of urls.entries()) {
    const answer = await callJson(`${apiUrl}/api/v1/webhooks`, 'POST', { authorization: `Bearer ${token}` },
      { name: `bench receiver ${index}`, url: `${url}/hook`, events: ['PURCHASE_APPROVED'] });
    if (answer.status !== 201) throw new Error(`creating a webhook answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    ids.push(String(answer.json.id));
  }
  return ids;
}

export async function deleteWebhooks(apiUrl: string, token: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    const answer = await callJson(`${apiUrl}/api/v1/webhooks/${id}`, 'DELETE', { authorization: `Bearer ${token}` });
    if (answer.status >= 300) throw new Error(`deleting webhook ${id} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  }
}

/**
 * A keep-alive publisher to `origin` + `path`. `connections` bounds the requests in flight; in an open-loop phase
 * it is far above what the offered rate needs, so a slow answer never delays the next scheduled send.
 */
export function createPublisher(origin: string, path: string, headers: Record<string, string>, connections = 256): Publisher {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const requestHeaders = { ...headers, 'content-type': 'application/json' };
  return {
    async publish(body) {
      try {
        const answer = await pool.request({ method: 'POST', path, headers: requestHeaders, body });
        await answer.body.dump();
        return answer.statusCode;
      } catch {
        return 0; // counted as a publish error by the phase
      }
    },
    close: () => pool.close(),
  };
}
