// The purchase ledger contract: a purchase's current state and data, moved and published in one transaction, so
// the events receivers get always follow the lifecycle. Like the Store, every call takes the account id.
import type { AccountId } from '../domain/ids.ts';
import type { FanOut } from '../domain/delivery.ts';
import type { NewEvent, StoredEvent } from '../domain/event.ts';
import type { AffiliateRouting, PublishResult } from './publish-result.ts';

export type Purchase = { transaction: string; state: string; data: Record<string, unknown>; createdAt: number; updatedAt: number };

export type PurchaseChange = {
  transaction: string;
  /** The state the caller read; null when creating. Another writer having moved it since is a conflict. */
  from: string | null;
  to: string;
  data: Record<string, unknown>;
};

export type PurchaseResult =
  | { kind: 'recorded'; purchase: Purchase; published: PublishResult }
  | { kind: 'exists' }
  | { kind: 'conflict'; current: string }
  | { kind: 'not_found' };

export type SalesStore = {
  /** Creates (from = null) or moves a purchase and publishes its event, all in one transaction. */
  recordPurchase(accountId: AccountId, change: PurchaseChange, event: NewEvent, fanOut: FanOut, now: number, affiliates?: AffiliateRouting): Promise<PurchaseResult>;
  getPurchase(accountId: AccountId, transaction: string): Promise<Purchase | null>;
  /** Every event of a transaction, oldest first: what a receiver reconciles against. */
  transactionTimeline(accountId: AccountId, transaction: string): Promise<StoredEvent[]>;
};
