// Every API call the dashboard makes, one typed function each.
import { apiCall } from './client.ts';
import type {
  Account, AuditEntry, Invitation, Member, Notice, NotificationSettings, Role, SavedNotificationSettings, Team, Affiliation, AffiliationInput, MembersAreaCheck, MembersAreaInput, Offer, Overview, ReplayResult, WebhookStats, Catalog, Delivery, DeliveryDetail, DeliveryFilters, DeliveryPage, IssuedCredentials, Product, SessionInfo, SetupResult, Webhook, WebhookInput,
  WebhookWithSecret,
} from './types.ts';

const enc = encodeURIComponent;

export const getSession = () => apiCall<SessionInfo>('GET', '/api/v1/session');
export const signIn = (email: string, password: string) => apiCall<SessionInfo>('POST', '/api/v1/session', { email, password });
export const signOut = () => apiCall<void>('DELETE', '/api/v1/session');
export const getSetup = () => apiCall<{ available: boolean }>('GET', '/api/v1/setup');
export const requestPasswordReset = (email: string, language: string) => apiCall<void>('POST', '/api/v1/password-reset', { email, language });
export const completePasswordReset = (token: string, password: string) => apiCall<void>('POST', '/api/v1/password-reset/complete', { token, password });
export const runSetup = (input: { account_name: string; email: string; password: string }) => apiCall<SetupResult>('POST', '/api/v1/setup', input);

export const getAccount = () => apiCall<Account>('GET', '/api/v1/account');
export const rotateHottok = () => apiCall<{ hottok: string }>('POST', '/api/v1/account/rotate-hottok');
export const rotateClientSecret = () => apiCall<IssuedCredentials>('POST', '/api/v1/account/rotate-client-secret');

export const getCatalog = () => apiCall<Catalog>('GET', '/api/v1/catalog');

export const listProducts = () => apiCall<{ items: Product[] }>('GET', '/api/v1/products');
export const createProduct = (input: { name: string; id?: string; ucode?: string }) => apiCall<Product>('POST', '/api/v1/products', input);
export const getProduct = (id: string) => apiCall<Product>('GET', `/api/v1/products/${enc(id)}`);
export const updateProduct = (id: string, patch: { name?: string; ucode?: string | null; share_buyer_data?: boolean; archived?: boolean; members_area?: MembersAreaInput | null }) => apiCall<Product>('PATCH', `/api/v1/products/${enc(id)}`, patch);
export const removeProduct = (id: string) => apiCall<{ id: string; result: 'deleted' | 'archived' }>('DELETE', `/api/v1/products/${enc(id)}`);
export const checkMembersArea = (productId: string) => apiCall<MembersAreaCheck>('GET', `/api/v1/products/${enc(productId)}/members-area/check`);
export const createMembersAreaWebhook = (productId: string) => apiCall<{ webhook: WebhookWithSecret; test: { id: string; delivery: Delivery } }>('POST', `/api/v1/products/${enc(productId)}/members-area/webhook`, {});

export const listProductAffiliations = (productId: string) => apiCall<{ items: Affiliation[] }>('GET', `/api/v1/products/${enc(productId)}/affiliations`);
export const createAffiliation = (productId: string, input: AffiliationInput) => apiCall<Affiliation>('POST', `/api/v1/products/${enc(productId)}/affiliations`, input);
export const listAffiliations = () => apiCall<{ items: Affiliation[] }>('GET', '/api/v1/affiliations');
export const deleteAffiliation = (id: string) => apiCall<void>('DELETE', `/api/v1/affiliations/${enc(id)}`);
export const listAffiliationOffers = (id: string) => apiCall<{ items: Offer[] }>('GET', `/api/v1/affiliations/${enc(id)}/offers`);

export const listWebhooks = () => apiCall<{ items: Webhook[] }>('GET', '/api/v1/webhooks');
export const createWebhook = (input: WebhookInput) => apiCall<WebhookWithSecret>('POST', '/api/v1/webhooks', input);
export const updateWebhook = (id: string, patch: Partial<WebhookInput>) => apiCall<Webhook>('PATCH', `/api/v1/webhooks/${enc(id)}`, patch);
export const deleteWebhook = (id: string) => apiCall<void>('DELETE', `/api/v1/webhooks/${enc(id)}`);
export const rotateWebhookSecret = (id: string, overlapHours?: number) => apiCall<WebhookWithSecret & { previous_secret_expires_at: string }>('POST', `/api/v1/webhooks/${enc(id)}/rotate-secret`, overlapHours === undefined ? undefined : { overlap_hours: overlapHours });
export const getTestSample = (id: string, event: string) => apiCall<{ event: string; data: Record<string, unknown> }>('GET', `/api/v1/webhooks/${enc(id)}/test-sample?event=${enc(event)}`);
export const sendTest = (id: string, event: string, data?: unknown) => apiCall<{ id: string; delivery: Delivery }>('POST', `/api/v1/webhooks/${enc(id)}/test`, data === undefined ? { event } : { event, data });
export const revealWebhookSecret = (id: string) => apiCall<{ id: string; secret: string }>('POST', `/api/v1/webhooks/${enc(id)}/reveal-secret`);
/** Without `since`, the API suggests where to start (early enough for the sales that failed before a disable) and counts from there. */
export const countRecoverable = (id: string, since?: string) => apiCall<{ since: string; count: number }>('GET', `/api/v1/webhooks/${enc(id)}/recoverable${since === undefined ? '' : `?since=${enc(since)}`}`);
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

export const getWebhookStats = () => apiCall<{ generated_at: string; items: WebhookStats[] }>('GET', '/api/v1/stats/webhooks');
export const getOverview = (hours: number) => apiCall<Overview>('GET', `/api/v1/stats/overview?hours=${hours}`);
export const replayDelivery = (id: string, url: string) => apiCall<ReplayResult>('POST', `/api/v1/deliveries/${enc(id)}/replay`, { url });

export const getTeam = () => apiCall<Team>('GET', '/api/v1/team');
export const inviteMember = (email: string, role: Role) => apiCall<Invitation & { invite_path: string }>('POST', '/api/v1/team/invitations', { email, role });
export const revokeInvitation = (id: string) => apiCall<void>('DELETE', `/api/v1/team/invitations/${enc(id)}`);
export const setMemberRole = (id: string, role: Role) => apiCall<Member>('PATCH', `/api/v1/team/members/${enc(id)}`, { role });
export const removeMember = (id: string) => apiCall<void>('DELETE', `/api/v1/team/members/${enc(id)}`);
export const getInvitation = (token: string) => apiCall<{ email: string; role: Role; account_name: string | null; expires_at: string }>('GET', `/api/v1/invitations/${enc(token)}`);
export const acceptInvitation = (token: string, password: string) => apiCall<SessionInfo>('POST', `/api/v1/invitations/${enc(token)}/accept`, { password });
export const getAudit = (before?: string) => apiCall<{ items: AuditEntry[]; next_before: string | null }>('GET', `/api/v1/audit?limit=50${before ? `&before=${enc(before)}` : ''}`);

export const listNotices = (limit: number) => apiCall<{ items: Notice[] }>('GET', `/api/v1/notices?limit=${limit}`);
export const getNotificationSettings = () => apiCall<NotificationSettings>('GET', '/api/v1/notification-settings');
export const setNotificationSettings = (settings: NotificationSettings) => apiCall<SavedNotificationSettings>('PUT', '/api/v1/notification-settings', settings);
