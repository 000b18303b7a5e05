// The checkout offers contract: a product's price plan, sold through the hosted checkout at /checkout/:code. The
// code is the public link, so `findOffer` is the one read that takes no account id: the code names the account
// (as a client id names its account), and it is random enough (10 characters, ~50 bits) not to be guessed.
import type { AccountId } from '../domain/ids.ts';
export type Offer = {
  code: string;
  accountId: AccountId;
  productId: string;
  productName: string;
  productUcode: string | null;
  name: string;
  /** In hundredths of the currency. */
  priceCents: number;
  currency: string;
  createdAt: number;
};

export type NewOffer = Pick<Offer, 'code' | 'productId' | 'name' | 'priceCents' | 'currency' | 'createdAt'>;

export type OffersStore = {
  /** `no_product` when the account has no such product; `code_taken` when the code exists (in any account). */
  createOffer(accountId: AccountId, offer: NewOffer): Promise<'created' | 'no_product' | 'code_taken'>;
  /** The account's offers, oldest first. */
  listOffers(accountId: AccountId): Promise<Offer[]>;
  /** The offer behind a checkout link, with its account. */
  findOffer(code: string): Promise<Offer | null>;
};
