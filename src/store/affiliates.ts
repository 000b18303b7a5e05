// The affiliates contract: a producer's product promoted by affiliate accounts, each under an affiliate code (the
// hotlink code sales carry in `data.affiliates[].affiliate_code`). Publishing reads these to route a sale's copy to
// its affiliates (store.ts AffiliateRouting). Like the Store, every call takes the account id.
import type { AccountId } from '../domain/ids.ts';
import type { Product } from '../domain/product.ts';

export type Affiliation = {
  id: string;
  producerAccountId: AccountId;
  productId: string;
  productName: string;
  affiliateCode: string;
  affiliateAccountId: AccountId;
  /** The two accounts' names, so either side reads who the other is. */
  producerName: string;
  affiliateName: string;
  /** The product's switch, as the affiliate's payloads follow it. */
  shareBuyerData: boolean;
  createdAt: number;
};

export type NewAffiliation = Pick<Affiliation, 'id' | 'productId' | 'affiliateCode' | 'affiliateAccountId' | 'createdAt'>;


export type AffiliatesStore = {
  /** Turns the product's "share buyer data with affiliates" switch; null when the account has no such product. */
  setShareBuyerData(accountId: AccountId, productId: string, share: boolean): Promise<Product | null>;
  /**
   * Affiliates the account's product; `code_taken` when the product already has an affiliation under that code,
   * `already_affiliated` when this affiliate account already promotes the product (one code per affiliate and product).
   */
  createAffiliation(accountId: AccountId, affiliation: NewAffiliation): Promise<'created' | 'code_taken' | 'already_affiliated' | 'no_product'>;
  /** The affiliations the account is a party to, as producer or as affiliate, oldest first; optionally of one product. */
  listAffiliations(accountId: AccountId, productId?: string): Promise<Affiliation[]>;
  /**
   * Ends an affiliation; either party may. The affiliation as it was (for the audit entries of both parties), or null
   * when the account is party to no affiliation with that id.
   */
  deleteAffiliation(accountId: AccountId, affiliationId: string): Promise<Affiliation | null>;
};
