import type { Account, ApiClient, Role, Session, User } from '../domain/account.ts';
import type { Product, ProductPatch } from '../domain/product.ts';
import type { HealthJudge, NewWebhook, Webhook, WebhookPatch } from '../domain/webhook.ts';
import type { NewEvent, StoredEvent } from '../domain/event.ts';
import type { Attempt, AttemptRecord, DeliveryStatus, DeliverySummary, FanOut, StoredResend } from '../domain/delivery.ts';
import type { AffiliateRouting, PublishResult } from './publish-result.ts';
import type { AffiliatesStore } from './affiliates.ts';
import type { AuditStore } from './audit.ts';
import type { HooksStore } from './hooks.ts';
import type { OffersStore } from './offers.ts';
import type { MembersAreaStore } from './members-area.ts';
import type { NoticesStore } from './notices.ts';
import type { OperationsStore } from './operations.ts';
import type { PasswordResetsStore } from './password-resets.ts';
import type { SalesStore } from './sales.ts';
import type { StatsStore } from './stats.ts';
import type { TeamStore } from './team.ts';
import type { CallerRevoked, CredentialHolder } from './credential-holder.ts';
import type { AccountId, DeliveryId, EventId, WebhookId } from '../domain/ids.ts';

// The Store contract: everything the API, ingest and dispatcher may ask of persistence.
// Every read and write of tenant data takes the account id as a required argument, so no query can forget it.
// Time is an input (`now`, epoch ms): the store never reads the clock, so tests drive schedules without sleeping.

// The domain's own types (src/domain/) and the publish result (publish-result.ts), named here too for the
// contract's users: one declaration each, where it is owned.
export type { Account, AccountKind, ApiClient, Role, Session, User } from '../domain/account.ts';
export { roles } from '../domain/account.ts';
export type { Product, ProductPatch } from '../domain/product.ts';
export type { HealthJudge, NewWebhook, ProductScope, Webhook, WebhookHealth, WebhookPatch, WebhookRoute } from '../domain/webhook.ts';
export type { NewEvent, StoredEvent } from '../domain/event.ts';
export type { Attempt, AttemptRecord, DeliveryPlan, DeliveryStatus, DeliverySummary, FanOut } from '../domain/delivery.ts';
export { deliveryStatuses } from '../domain/delivery.ts';
export type { AffiliateRouting, PublishResult } from './publish-result.ts';

/** A delivery `publish` just stored, with its event: what `leaseNew` leases to the dispatcher that asks for it. */
export type NewDelivery = { delivery: DeliverySummary; event: StoredEvent };

/** A delivery held under a lease, with everything needed to render, sign and send it. */
export type ClaimedDelivery = {
  delivery: DeliverySummary;
  leaseToken: string;
  event: StoredEvent;
  /** `secrets`: the current signing secret first, then those still in their rotation overlap. */
  /** `slow`: the webhook timed out at its last attempt, or its circuit is open (as a claim found it; leaseNew says false). */
  webhook: Pick<Webhook, 'id' | 'url' | 'enabled'> & { secrets: string[]; slow?: boolean };
  hottok: string;
};

/**
 * How the dispatcher wants a delivery left after an attempt. `neutral`: the failure says nothing about the receiver's
 * health (our own internal error, or the receiver refusing this one event), so the webhook's failure streak (what
 * auto-disable counts) and its timeout streak (what the circuit breaker counts) are left as they are.
 */
export type Settlement =
  | { kind: 'delivered' }
  | { kind: 'retry'; at: number; neutral?: boolean }
  | { kind: 'failed'; neutral?: boolean };

/**
 * How many more leases each account may take in one claim: `rooms` for the accounts named there, `otherRoom` for every
 * other account. The dispatcher's share of its slots per account (../delivery/account-slots.ts).
 */
export type AccountRooms = {
  rooms: ReadonlyMap<AccountId, number>;
  otherRoom: number;
  /**
   * Of that room, how many more leases the account's slow webhooks (those that timed out at their last attempt, or
   * whose circuit is open) may take, so its healthy webhooks keep room of their own. Absent: no limit beyond the room.
   */
  slowRooms?: ReadonlyMap<AccountId, number>;
  otherSlowRoom?: number;
};

export type RecordResult =
  /** `circuitOpened`: this attempt opened its webhook's circuit (see recordAttempt). */
  | { kind: 'recorded'; status: DeliveryStatus; disabledReason: string | null; circuitOpened?: true }
  /** Fencing: the lease expired and another worker may own the delivery; nothing was written. */
  | { kind: 'lease_lost' };

export type DeliveryFilter = {
  webhookId?: WebhookId;
  event?: string;
  status?: DeliveryStatus;
  transaction?: string;
  /** A search key (src/domain/sale-facts.ts `searchKey`): deliveries of events with a search term starting with it. */
  search?: string;
  from?: number;
  to?: number;
  /** Only test sends (true) or only real ones (false). */
  test?: boolean;
  /** Id of the last row of the previous page; rows are returned newest first. */
  after?: DeliveryId;
  limit: number;
};

/**
 * A delivery with its latest `attemptsShown` attempts, oldest first (`delivery.attemptCount` counts them all): its
 * resends have no end, and each attempt keeps up to 16 KiB of its answer, so one delivery's page stays bounded.
 */
export type DeliveryDetail = { delivery: DeliverySummary; event: StoredEvent; attempts: Attempt[] };

export type { CallerRevoked, CredentialHolder } from './credential-holder.ts';
/** A client-secret rotation: done (the client's id), or refused because its caller's credential was gone by then. */
export type ClientSecretRotation = { kind: 'rotated'; clientId: string } | CallerRevoked;
export const attemptsShown = 100;

/**
 * The whole contract: the core below, the purchase ledger (sales.ts), affiliations (affiliates.ts), REST hooks
 * (hooks.ts), checkout offers (offers.ts), members areas (members-area.ts), operators' reads (operations.ts), the
 * notices outbox (notices.ts), password resets (password-resets.ts), delivery stats (stats.ts), the audit log
 * (audit.ts) and the team (team.ts).
 */
export type Store = SalesStore & AffiliatesStore & HooksStore & OffersStore & MembersAreaStore & OperationsStore & NoticesStore & PasswordResetsStore
  & StatsStore & AuditStore & TeamStore & {
  readonly dialect: 'sqlite' | 'postgres';

  createAccount(account: Account, client: ApiClient): Promise<void>;
  /** The account with the Client ID of its API client (shown by the dashboard; the secret itself is never kept). */
  getAccount(accountId: AccountId): Promise<(Account & { clientId: string | null }) | null>;
  getApiClient(clientId: string): Promise<ApiClient | null>;
  /**
   * Saves a token, unless the client's secret is no longer `secretHash` (the one its request was checked against):
   * a rotation that committed meanwhile, or is committing, wins, and nothing is saved (false). Also sweeps the tokens
   * that expired before `issuedAt`.
   */
  saveAccessToken(token: { tokenHash: string; accountId: AccountId; clientId: string; secretHash: string; issuedAt: number; expiresAt: number }): Promise<boolean>;
  /** The account owning an unexpired token (and when it expires), or null. */
  findAccessToken(tokenHash: string, now: number): Promise<{ accountId: AccountId; clientId: string; expiresAt: number } | null>;

  /** Whether this store's key opens the secrets the database already holds (true while it holds none): see open-store.ts. */
  keyOpensSealedSecrets(): Promise<boolean>;
  /**
   * Replaces the hottok at once (receivers compare one static token: there is nothing to overlap), only while `caller`
   * still holds its credential at `now`, checked in the rotation's own transaction (see credential-holder.ts): a token
   * revoked meanwhile neither changes it nor learns the new one.
   */
  rotateHottok(accountId: AccountId, hottok: string, caller: CredentialHolder, now: number): Promise<{ kind: 'rotated' } | CallerRevoked>;
  /**
   * Replaces the client secret's hash and revokes every access token of the account's clients, only while `caller`
   * still holds its credential at `now`: its access token unexpired and not revoked, or its session unexpired and its
   * user still an owner. Checked in the rotation's own transaction, after another rotation of the account (on any
   * process) has committed: a caller checked just before the owner's rotation, and cut off by it, changes nothing
   * ('caller_revoked'), so a leaked token can never replace the secret the owner has just made.
   */
  rotateClientSecret(accountId: AccountId, secretHash: string, caller: CredentialHolder, now: number): Promise<ClientSecretRotation>;

  /** How many accounts exist: the dashboard offers first-run set-up only when there are none. */
  countAccounts(): Promise<number>;
  /**
   * First-run set-up in one step: the first account, its API client and its owner, only while no account exists; set-ups
   * racing on any process wait for each other, and the later one writes nothing ('taken').
   */
  setUpFirstAccount(account: Account, client: ApiClient, owner: User): Promise<'created' | 'taken'>;
  /** `role` absent: an owner (the account's first user, or one made on the command line). */
  createUser(user: Omit<User, 'role'> & { role?: Role }): Promise<'created' | 'email_taken'>;
  findUserByEmail(email: string): Promise<User | null>;
  /** Saves a session and sweeps the ones that expired before `now`. */
  createSession(session: Omit<Session, 'email' | 'role'> & { tokenHash: string }, now: number): Promise<void>;
  findSession(tokenHash: string, now: number): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;

  /** A new product has no members area yet (members-area.ts sets it) and is not archived. */
  createProduct(accountId: AccountId, product: Omit<Product, 'membersArea' | 'archivedAt'>): Promise<'created' | 'exists'>;
  /** Changes the account's product; null when it has none with this id. */
  updateProduct(accountId: AccountId, productId: string, patch: ProductPatch, now: number): Promise<Product | null>;
  /** Deletes the product, or archives it when an event of the account names it (its sales stay in the history). */
  removeProduct(accountId: AccountId, productId: string, now: number): Promise<'deleted' | 'archived' | 'not_found'>;
  listProducts(accountId: AccountId): Promise<Product[]>;
  /** The ids among `productIds` that the account does not have. */
  missingProducts(accountId: AccountId, productIds: string[]): Promise<string[]>;

  createWebhook(accountId: AccountId, id: WebhookId, webhook: NewWebhook, now: number): Promise<Webhook>;
  /**
   * Creates a REST hook unless an enabled hook of the account already has its URL, trigger and products
   * (`subscribedHook`): then returns that one, `created: false`. Subscribes to one account run one at a time, so two
   * racing (a tool retrying a subscribe that timed out, on another process) make one hook.
   */
  subscribeHook(accountId: AccountId, id: WebhookId, hook: NewWebhook & { hookTrigger: string }, now: number): Promise<{ created: boolean; webhook: Webhook }>;
  getWebhook(accountId: AccountId, webhookId: WebhookId): Promise<Webhook | null>;
  listWebhooks(accountId: AccountId): Promise<Webhook[]>;
  /** Disabling (by the owner) also skips the webhook's pending, unleased deliveries; enabling clears the reason. */
  updateWebhook(accountId: AccountId, webhookId: WebhookId, patch: WebhookPatch, now: number): Promise<Webhook | null>;
  deleteWebhook(accountId: AccountId, webhookId: WebhookId): Promise<boolean>;
  /** Makes `secret` current; the old one keeps signing until `now + overlapMs`. Expired previous secrets are dropped. */
  rotateWebhookSecret(accountId: AccountId, webhookId: WebhookId, secret: string, now: number, overlapMs: number): Promise<Webhook | null>;
  /** How many deliveries `recoverWebhook` with this `since` would requeue (shown before the user confirms); null: no such webhook. */
  countRecoverable(accountId: AccountId, webhookId: WebhookId, since: number): Promise<number | null>;
  /**
   * When the oldest delivery `recoverWebhook` would requeue was made, among those settled (failed or skipped) since
   * `settledFrom`: the start that takes every sale left unsent since then. Null: none (or no such webhook).
   */
  firstRecoverable(accountId: AccountId, webhookId: WebhookId, settledFrom: number): Promise<number | null>;
  /**
   * Re-enables the webhook and puts every failed or skipped delivery created since `since` back to pending, except
   * conversions skipped for having no click id (there is still nothing to send).
   */
  recoverWebhook(accountId: AccountId, webhookId: WebhookId, since: number, now: number, maxAttempts: number): Promise<{ webhook: Webhook; requeued: number } | null>;

  /**
   * In ONE transaction: dedupe on id / idempotency key, insert the event and one delivery per plan entry, and the
   * same for each affiliate `affiliates` routes the sale to (its copy fanned out to the affiliate's webhooks).
   * Returns what it stored (or found stored, for a replay); it wakes nobody: the caller hands the new deliveries to
   * its dispatcher (`leaseNew`) or announces them (`announceDue`).
   */
  publish(event: NewEvent, fanOut: FanOut, now: number, affiliates?: AffiliateRouting): Promise<PublishResult>;

  /**
   * Leases up to `limit` due deliveries for `leaseMs`; the returned token fences every later write. An expired lease
   * is claimable (that is how a crashed worker's deliveries come back). Fair: no webhook ends up with more than
   * `perWebhook` live leases (one while its circuit is open), no account takes more than its room in `accounts`
   * (default: no limit), and the order is max-min fair: accounts take turns; within an account the webhook holding
   * the fewest leases goes first, after those with fewer timeouts in a row (those whose circuit is open last); within
   * a webhook first attempts and retries take turns (neither lane starves the other), oldest first.
   * `settling`: the claimant's leases whose attempts were delivered and whose records are on their way (recordAttempt
   * has been called): their receivers hold no request of them, so they do not count toward their webhooks' caps.
   */
  claimDue(now: number, limit: number, leaseMs: number, perWebhook: number, accounts?: AccountRooms, settling?: readonly DeliveryId[]): Promise<ClaimedDelivery[]>;
  /**
   * Records the attempt and settles the delivery, only if `leaseToken` still holds the lease. Unless the attempt is a
   * test send or its settlement is neutral, it moves the webhook's health (`judge` may disable it) and its circuit: a
   * timeout (`attempt.error` 'timeout') adds to the timeout streak and, when the streak reaches `circuitAfter` (absent
   * or 0: never), opens the circuit; any other failure resets the streak; a delivery resets it and closes the circuit.
   */
  recordAttempt(deliveryId: DeliveryId, leaseToken: string, attempt: AttemptRecord, settlement: Settlement, judge: HealthJudge, now: number, circuitAfter?: number): Promise<RecordResult>;
  /**
   * Leases deliveries `publish` just stored to the dispatcher asking, in one statement (one write transaction on
   * SQLite), under `token` until `now + leaseMs`, so they go out without waiting for a claim. The cap holds as in a
   * claim, and is counted under the claims' turn-taking: a delivery is leased only while it is pending and unleased
   * and its webhook holds fewer than `perWebhook` live leases (one while its circuit is open). Returns those leased,
   * ready to send; the others (a claim took them first, their webhook is at its cap, its secrets cannot be opened)
   * stay for a claim. The account's room is the caller's: it asks only for what it has slots for.
   */
  leaseNew(deliveries: NewDelivery[], token: string, now: number, leaseMs: number, perWebhook: number): Promise<ClaimedDelivery[]>;
  /** Gives leases back (shutdown) so another worker can claim at once. */
  releaseLeases(leases: { deliveryId: DeliveryId; leaseToken: string }[]): Promise<void>;
  /** Earliest time a pending delivery becomes claimable, or null when none is pending. */
  nextDueAt(): Promise<number | null>;
  /**
   * Whether a dispatcher gives a delivered attempt's slot back at its answer, its lease then named `settling` to
   * claimDue until its record is done. Worth it where a record is a statement of its own that the slot would wait for
   * (PostgreSQL); not where queued records commit inside the next claim anyway (SQLite: measured slower, PERFORMANCE.md
   * "Slots free at the answer").
   */
  readonly slotsFreeAtAnswer: boolean;
  /**
   * Optional: calls `listener` when deliveries may have become due in ANY process (PostgreSQL LISTEN/NOTIFY after
   * publish, resend, recover, released leases). A hint only: the claim query is the truth, and dispatchers still
   * poll. Returns the unsubscribe function. Absent where one process is all there is (SQLite).
   */
  onDue?(listener: () => void): () => void;
  /** Optional, beside `onDue`: tells the workers of every process (this one included) that deliveries may be due. */
  announceDue?(): void;

  /**
   * Retention: deletes up to `batchSize` settled deliveries (with their attempts) created and last changed before
   * `before`, then up to `batchSize` events older than `before` that no delivery refers to. Pending deliveries are
   * never purged. Returns how many deliveries and events went: 0 means nothing older is left.
   */
  purgeHistory(before: number, batchSize: number): Promise<number>;

  listDeliveries(accountId: AccountId, filter: DeliveryFilter): Promise<DeliverySummary[]>;
  getDelivery(accountId: AccountId, deliveryId: DeliveryId): Promise<DeliveryDetail | null>;
  /** The data text of the account's events with these ids (what the history shows of each sale), by event id. */
  getEventData(accountId: AccountId, eventIds: EventId[]): Promise<Map<EventId, string>>;
  /**
   * Starts a new manual cycle: pending now, with a fresh attempt budget and the same event id, in one statement that
   * checks, as it writes, that no attempt of it is out (a live lease: `in_flight`, the lease's end; its record would
   * settle the new cycle with the old attempt's outcome) and that its webhook is enabled. A delivery already waiting
   * for its cycle's first attempt keeps its cycle (resending it twice is one resend), only due now.
   */
  resendDelivery(accountId: AccountId, deliveryId: DeliveryId, now: number, maxAttempts: number): Promise<StoredResend>;

  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};
