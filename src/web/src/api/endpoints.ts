// Every API call the dashboard makes, one typed function each.
import { apiCall } from './client.ts';
import type {
  Account, Affiliation, AffiliationInput, MembersAreaCheck, MembersAreaInput, Catalog, Delivery, DeliveryDetail, DeliveryFilters, DeliveryPage, IssuedCredentials, Product, SessionInfo, SetupResult, Webhook, WebhookInput,
  WebhookWithSecret,
} from './types.ts';

const enc = encodeURIComponent;

export const getSession = () => apiCall<SessionInfo>('GET', '/api/v1/session');
export const signIn = (email: string, password: string) => apiCall<SessionInfo>('POST', '/api/v1/session', { email, password });
export const signOut = () => apiCall<void>('DELETE', '/api/v1/session');
export const getSetup = () => apiCall<{ available: boolean }>('GET', '/api/v1/setup');
export const runSetup = (input: { account_name: string; email: string; password: string }) => apiCall<SetupResult>('POST', '/api/v1/setup', input);

export const getAccount = () => apiCall<Account>('GET', '/api/v1/account');
export const rotateHottok = () => apiCall<{ hottok: string }>('POST', '/api/v1/account/rotate-hottok');
export const rotateClientSecret = () => apiCall<IssuedCredentials>('POST', '/api/v1/account/rotate-client-secret');

export const getCatalog = () => apiCall<Catalog>('GET', '/api/v1/catalog');

export const listProducts = () => apiCall<{ items: Product[] }>('GET', '/api/v1/products');
export const createProduct = (input: { name: string; id?: string; ucode?: string }) => apiCall<Product>('POST', '/api/v1/products', input);
export const updateProduct = (id: string, patch: { share_buyer_data?: boolean; members_area?: MembersAreaInput | null }) => apiCall<Product>('PATCH', `/api/v1/products/${enc(id)}`, patch);
export const checkMembersArea = (productId: string) => apiCall<MembersAreaCheck>('GET', `/api/v1/products/${enc(productId)}/members-area/check`);
export const createMembersAreaWebhook = (productId: string) => apiCall<{ webhook: WebhookWithSecret; test: { id: string; delivery: Delivery } }>('POST', `/api/v1/products/${enc(productId)}/members-area/webhook`, {});

export const listProductAffiliations = (productId: string) => apiCall<{ items: Affiliation[] }>('GET', `/api/v1/products/${enc(productId)}/affiliations`);
export const createAffiliation = (productId: string, input: AffiliationInput) => apiCall<Affiliation>('POST', `/api/v1/products/${enc(productId)}/affiliations`, input);
export const listAffiliations = () => apiCall<{ items: Affiliation[] }>('GET', '/api/v1/affiliations');
export const deleteAffiliation = (id: string) => apiCall<void>('DELETE', `/api/v1/affiliations/${enc(id)}`);

export const listWebhooks = () => apiCall<{ items: Webhook[] }>('GET', '/api/v1/webhooks');
export const createWebhook = (input: WebhookInput) => apiCall<WebhookWithSecret>('POST', '/api/v1/webhooks', input);
export const updateWebhook = (id: string, patch: Partial<WebhookInput>) => apiCall<Webhook>('PATCH', `/api/v1/webhooks/${enc(id)}`, patch);
export const deleteWebhook = (id: string) => apiCall<void>('DELETE', `/api/v1/webhooks/${enc(id)}`);
export const rotateWebhookSecret = (id: string) => apiCall<WebhookWithSecret & { previous_secret_expires_at: string }>('POST', `/api/v1/webhooks/${enc(id)}/rotate-secret`);
export const sendTest = (id: string, event: string) => apiCall<{ id: string; delivery: Delivery }>('POST', `/api/v1/webhooks/${enc(id)}/test`, { event });
export const recoverWebhook = (id: string, since: string) => apiCall<{ webhook: Webhook; requeued: number }>('POST', `/api/v1/webhooks/${enc(id)}/recover`, { since });

export function listDeliveries(filters: DeliveryFilters, options: { limit?: number; pageToken?: string | null } = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  if (options.pageToken) query.set('page_token', options.pageToken);
  return apiCall<DeliveryPage>('GET', `/api/v1/deliveries?${query.toString()}`);
}
export const getDelivery = (id: string) => apiCall<DeliveryDetail>('GET', `/api/v1/deliveries/${enc(id)}`);
export const resendDelivery = (id: string) => apiCall<Delivery>('POST', `/api/v1/deliveries/${enc(id)}/resend`);
