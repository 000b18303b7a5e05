// A small stand-in for n8n: the parts of IHookFunctions and IWebhookFunctions the Postback trigger uses, over real
// HTTP (fetch), so its webhookMethods and webhook() run as n8n would run them, with no n8n server.
import type { IDataObject, IHookFunctions, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

export type Workflow = {
  /** The node's static data: n8n keeps it with the workflow between activations. */
  staticData: IDataObject;
  parameters: Record<string, unknown>;
  credentials: { url: string; clientId: string; clientSecret: string };
  /** The URL n8n would give the node's `default` webhook. */
  webhookUrl: string;
};

/** `helpers.httpRequest` as n8n implements it for these options: full response, JSON, status errors ignored or thrown. */
async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
  const url = new URL(options.url);
  for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = Object.fromEntries(Object.entries(options.headers ?? {}).map(([key, value]) => [key, String(value)]));
  const hasBody = options.body !== undefined && options.body !== null;
  if (hasBody && options.json) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body: hasBody ? JSON.stringify(options.body) : null });
  const text = await response.text();
  const body: unknown = options.json && text !== '' ? JSON.parse(text) : text;
  if (!options.ignoreHttpStatusErrors && response.status >= 400) throw new Error(`Request failed with status code ${response.status}`);
  return options.returnFullResponse ? { statusCode: response.status, headers: Object.fromEntries(response.headers), body: body === '' ? {} : body } : body;
}

const node = { id: 'node-1', name: 'Postback Trigger', type: 'n8n-nodes-postback.postbackTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

export function hookFunctions(workflow: Workflow): IHookFunctions {
  const context = {
    getWorkflowStaticData: () => workflow.staticData,
    getNodeWebhookUrl: () => workflow.webhookUrl,
    getNodeParameter: (name: string, fallback?: unknown) => workflow.parameters[name] ?? fallback,
    getCredentials: async () => workflow.credentials,
    getNode: () => node,
    helpers: { httpRequest },
  };
  return context as unknown as IHookFunctions;
}

export type Reply = { statusCode: number; body: unknown };

/** The context n8n gives webhook() for one received request; `reply` shows what the node answered itself. */
export function webhookFunctions(workflow: Workflow, request: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }, reply: Reply): IWebhookFunctions {
  const response = {
    status(code: number) { reply.statusCode = code; return response; },
    send(body: unknown) { reply.body = body; return response; },
  };
  const context = {
    getWorkflowStaticData: () => workflow.staticData,
    getNodeParameter: (name: string, fallback?: unknown) => workflow.parameters[name] ?? fallback,
    getNode: () => node,
    getBodyData: () => JSON.parse(request.rawBody.toString('utf8')) as IDataObject,
    getHeaderData: () => request.headers,
    getRequestObject: () => ({ headers: request.headers, rawBody: request.rawBody }),
    getResponseObject: () => response,
    helpers: { returnJsonArray: (data: IDataObject | IDataObject[]) => [data].flat().map((json) => ({ json })) },
  };
  return context as unknown as IWebhookFunctions;
}
