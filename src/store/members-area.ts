// The product's external members area: where its students sign in (the URL), and the login and password the
// marketplace uses to look at the area before approving the product. The password is sealed at rest (SecretBox) and
// never leaves the store: reads say only that one is set. Like the Store, every call takes the account id.
import type { AccountId } from '../domain/ids.ts';
import type { Product } from '../domain/product.ts';

export type MembersAreaSetting = {
  url: string;
  login: string;
  /** null keeps the password already set (changing the URL or login without typing it again). */
  password: string | null;
};

export type MembersAreaStore = {
  /** One product of the account, or null. */
  getProduct(accountId: AccountId, productId: string): Promise<Product | null>;
  /**
   * Sets (or with null, removes) the product's members area. `password_required`: no password was given and none is
   * set yet; nothing is written then.
   */
  setMembersArea(accountId: AccountId, productId: string, setting: MembersAreaSetting | null): Promise<Product | 'no_product' | 'password_required'>;
};
