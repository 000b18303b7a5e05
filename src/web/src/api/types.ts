// The shapes the public API answers with (see src/api/present.ts and the routes): the dashboard reads nothing else.

export type AccountKind = 'producer' | 'affiliate';

export type Role = 'owner' | 'developer' | 'viewer';
export const roles: Role[] = ['owner', 'developer', 'viewer'];

export type SessionInfo = {
  account: { id: string; name: string; kind: AccountKind };
  user: { id: string; email: string } | null;
  role: Role;
  csrf_token: string | null;
  expires_at: string | null;
};

export type IssuedCredentials = { client_id: string; client_secret: string; basic: string };
export type SetupResult = IssuedCredentials & { account_id: string; hottok: string; email: string; csrf_token: string };

export type Account = { id: string; name: string; kind: AccountKind; /** null for viewers: no secrets */ hottok: string | null; created_at: string; client_id?: string };

export type Product = { id: string; name: string; ucode: string | null; share_buyer_data: boolean; members_area: MembersArea | null; created_at: string; archived_at: string | null };
/** A product a configuration can be scoped to: the producer's own, or one an affiliate promotes. */
export type ProductChoice = Pick<Product, 'id' | 'name'>;

/** A product's external members area; its password is never sent back, only that one is set. */
export type MembersArea = { url: string; login: string; password_set: boolean };
/** Leave `password` out to keep the one set. */
export type MembersAreaInput = { url: string; login: string; password?: string };
export type MembersAreaFinding = {
  check: 'https' | 'webhook' | 'test_post';
  status: 'pass' | 'fail' | 'pending';
  reason: string;
  detail: string;
  fix: string | null;
  facts: Record<string, string | number | string[]>;
};
export type MembersAreaCheck = { ok: boolean; url: string; webhook_id: string | null; findings: MembersAreaFinding[] };

/** A product affiliated to an affiliate account under a code; `role` is the caller's side of it. */
export type Affiliation = {
  id: string;
  role: 'producer' | 'affiliate';
  product: { id: string; name: string; share_buyer_data: boolean };
  affiliate_code: string;
  producer_account_id: string;
  affiliate_account_id: string;
  producer_name: string;
  affiliate_name: string;
  created_at: string;
};
export type AffiliationInput = { affiliate_account_id: string; affiliate_code?: string };
/** A checkout offer; as an affiliation's offer, `checkout_path` is the affiliate's own link (?aff=). */
export type Offer = { code: string; product: { id: string; name: string }; name: string; price: number; currency: string; checkout_path: string; created_at: string };

export type Webhook = {
  id: string;
  name: string;
  url: string;
  events: string[];
  products: 'all' | string[];
  version: string;
  max_attempts: number | null;
  hottok_in_body: boolean;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
  /** The circuit breaker: open while the receiver keeps timing out (it then gets one delivery at a time). */
  circuit: { open: boolean; opened_at: string | null; timeouts_in_a_row: number };
  created_at: string;
  updated_at: string;
};
export type WebhookWithSecret = Webhook & { secret: string };
export type WebhookInput = Pick<Webhook, 'name' | 'url' | 'events' | 'products' | 'version' | 'max_attempts' | 'hottok_in_body'> & { enabled?: boolean };

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';
export const deliveryStatuses: DeliveryStatus[] = ['pending', 'delivered', 'failed', 'skipped'];

export type Delivery = {
  id: string;
  webhook_id: string;
  event_id: string;
  event: string;
  transaction: string | null;
  status: DeliveryStatus;
  test: boolean;
  version: string;
  attempts: number;
  cycle_attempts: number;
  max_attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};
/** Who bought what for how much, as the history lists it (null where the event does not say). */
export type Sale = {
  buyer?: { name: string | null; email: string | null } | null;
  product?: { id: string | null; name: string | null } | null;
  amount?: { value: number; currency: string } | null;
};
export type ListedDelivery = Delivery & Sale;
export type DeliveryPage = { items: ListedDelivery[]; next_page_token: string | null };

export type Attempt = {
  number: number;
  cycle: number;
  started_at: string;
  /** The webhook's URL when the attempt was made; null for attempts recorded before Postback kept it. */
  url: string | null;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  error_detail: string | null;
  request_headers: Record<string, string>;
  response_headers: Record<string, string>;
  response_body: string;
};

export type DeliveryDetail = Delivery & Sale & {
  /** null parts: the configuration is gone, so what it would send cannot be rendered any more. */
  request: { method: string | null; url: string | null; content_type: string | null; headers: Record<string, string> | null; body: string | null };
  payload: unknown;
  attempt_history: Attempt[];
};

export type DeliveryFilters = { q?: string; webhook_id?: string; event?: string; status?: string; transaction?: string; from?: string; to?: string };

/** `sent_to_affiliates`: when the product does not share buyer data; `sent_to_affiliates_when_shared`: when it does. */
export type CatalogField = { name: string; description: string; format: string; size: number | null; sent_to_affiliates: boolean; sent_to_affiliates_when_shared: boolean; required: boolean };
/** A field of the legacy 1.0.0 form body, and where its value comes from in the 2.0.0 data. */
export type LegacyCatalogField = { name: string; description: string; source: string; format: string; required: boolean; sent_to_affiliates: boolean; sent_to_affiliates_when_shared: boolean };
export type CatalogEvent = {
  name: string;
  description: string;
  family: string;
  versions: string[];
  /** How production writes this event's 2.0.0 envelope (creation date key; hottok always in the body). */
  envelope?: { creation_date_key: string; hottok_in_body: boolean };
  fields: CatalogField[];
  legacy_fields?: LegacyCatalogField[];
  /** The sample rendered as a 1.0.0 form body, when the API provides it. */
  legacy_sample?: string;
  sample: Record<string, unknown>;
  /** What an affiliate receives when the product does not share buyer data (both formats). */
  affiliate_sample?: Record<string, unknown>;
  affiliate_legacy_sample?: string;
};
export type Catalog = { versions: string[]; events: CatalogEvent[] };

/** Deliveries of a window by outcome; `success_rate` is delivered over settled (null when none settled). */
export type OutcomeCounts = { delivered: number; failed: number; not_sent: number; pending: number };
export type HourOutcomes = OutcomeCounts & { hour: string };
export type WebhookStats = {
  webhook_id: string;
  last: { at: string; status: DeliveryStatus; status_code: number | null; error: string | null } | null;
  last_24h: OutcomeCounts & { success_rate: number | null };
  last_7d: OutcomeCounts & { success_rate: number | null };
  waiting_retry: number;
  hourly: HourOutcomes[];
};
export type Overview = {
  from: string;
  to: string;
  hourly: HourOutcomes[];
  latency: { count: number; p50_ms: number | null; p95_ms: number | null };
  slowest: { webhook_id: string; delivered: number; mean_ms: number; p95_ms: number }[];
  failing: { webhook_id: string; failed: number; total: number; failure_rate: number }[];
};

/** One send outside the delivery's history (a replay to another URL): the receiver's answer, or the network error. */
export type ReplayResult = {
  url: string;
  status_code: number | null;
  error: string | null;
  error_detail: string | null;
  duration_ms: number;
  response_headers: Record<string, string>;
  response_body: string;
};

export type Member = { id: string; email: string; role: Role; created_at: string; you: boolean };
export type Invitation = { id: string; email: string; role: Role; invited_by: string; expires_at: string };
export type Team = { members: Member[]; invitations: Invitation[] };
export type AuditEntry = { id: string; at: string; actor: string; action: string; target: { type: string; id: string | null; name: string | null }; detail: Record<string, unknown> };

/** A notice about a configuration (GET /api/v1/notices): what the account's users are e-mailed. */
export type Notice = {
  id: string;
  kind: 'webhook.disabled' | 'webhook.failing' | 'webhook.recovered' | 'delivery.failed';
  webhook_id: string;
  delivery_id: string | null;
  reason: string | null;
  created_at: string;
  mail: 'pending' | 'sent' | 'failed' | 'skipped';
  webhook: 'pending' | 'sent' | 'failed' | 'skipped';
  last_error: string | null;
};

/** The language of the account's notices and its operational webhook (GET/PUT /api/v1/notification-settings). */
export type NotificationSettings = { language: 'pt-BR' | 'es' | 'en'; webhook_url: string | null };
/** The PUT's answer: `webhook_secret` is the operational webhook's new whsec_ secret, only when its URL changed. */
export type SavedNotificationSettings = NotificationSettings & { webhook_secret: string | null };
