// What a publish is given (the sale's affiliate routing) and what it answers: shared by the Store's publish and the
// purchase ledger's recordPurchase (sales.ts), so that neither imports the other.
import type { AccountId } from '../domain/ids.ts';
import type { NewEvent, StoredEvent } from '../domain/event.ts';
import type { DeliverySummary } from '../domain/delivery.ts';

/** A sale's affiliates: each affiliate account with an affiliation to the product under one of `codes` gets its own copy. */
export type AffiliateRouting = {
  /** The sale's `data.affiliates[].affiliate_code` values. */
  codes: string[];
  /**
   * Only these affiliate accounts may get a copy: a purchase's later events go to the accounts its first event went
   * to, while they are still affiliated under the sale's code, never to a new holder of the code (sales.ts). Absent:
   * every account affiliated under one of `codes`.
   */
  onlyAccounts?: readonly string[];
  /**
   * The event for the affiliate's account: its data redacted as the product's sharing says, and its `affiliates[]`
   * down to the entries of `matched` (the codes of the affiliations that routed it there: an affiliate never reads
   * another's code or name). The store gives it its own id (publish-rules.ts affiliateCopy).
   */
  copyFor(affiliateAccountId: AccountId, shareBuyerData: boolean, matched: readonly string[]): NewEvent;
};

export type PublishResult =
  /** `deliveries` are the publishing account's; `affiliateDeliveries` counts the pending ones made for its affiliates. */
  | { kind: 'created'; event: StoredEvent; deliveries: DeliverySummary[]; affiliateDeliveries: number }
  /** The same event id or idempotency key was seen before; `sameRequest` says whether the body matched. */
  | { kind: 'replayed'; sameRequest: boolean; event: StoredEvent; deliveries: DeliverySummary[] };
