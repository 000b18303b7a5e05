// An event: one notification-worthy fact, immutable once stored; its id is the dedupe key.
import type { AccountId, EventId } from './ids.ts';
import type { SearchTerms } from './sale-facts.ts';

export type NewEvent = {
  id: EventId;
  accountId: AccountId;
  event: string;
  creationDate: number;
  /** The event's data as JSON text, stored verbatim so every rendering of it yields the same bytes. */
  data: string;
  transaction: string | null;
  productId: string | null;
  isTest: boolean;
  idempotencyKey: string | null;
  /** Hash of the request that created the event: a replay with another body is a conflict. */
  requestHash: string;
  /** The search keys the history's search finds this event under, each by prefix (src/domain/sale-facts.ts); none when absent. */
  searchTerms?: SearchTerms;
};
export type StoredEvent = Omit<NewEvent, 'idempotencyKey' | 'requestHash' | 'searchTerms'> & { createdAt: number };
