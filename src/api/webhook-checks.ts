// The checks a webhook's URL and product scope pass before anything is written, for /webhooks and /hooks alike.
import type { ProductScope } from '../store/store.ts';
import type { ApiDeps } from './api-deps.ts';
import { problem } from './problems.ts';
import type { AccountId } from '../domain/ids.ts';

export function webhookChecks(deps: Pick<ApiDeps, 'store' | 'addressPolicy'>) {
  return {
    /**
     * `path` names the field in the error, e.g. `body.products`. `saved`: the webhook's scope before this change (a
     * PATCH); its ids are kept whatever became of their products since (a product deleted, an affiliation ended), so
     * an edit that keeps them saves and only the ids it adds must name a product the account has or promotes.
     */
    async checkProducts(accountId: AccountId, products: ProductScope | undefined, path = 'body.products', saved: ProductScope = 'all'): Promise<void> {
      if (products === undefined || products === 'all') return;
      const added = saved === 'all' ? products : products.filter((id) => !saved.includes(id));
      const missing = added.length === 0 ? [] : await deps.store.missingProducts(accountId, added);
      if (missing.length === 0) return;
      // what to do depends on who asks: a producer creates its products; an affiliate is affiliated by their producer
      const affiliate = (await deps.store.getAccount(accountId))?.kind === 'affiliate';
      const ids = missing.join(', ');
      throw problem('validation_failed', affiliate
        ? `Unknown product ids: ${ids}. An affiliate scopes its webhooks to its own products and to those a producer affiliated it to (GET /api/v1/affiliations); ask the product's producer to affiliate you to it, or leave the id out.`
        : `Unknown product ids: ${ids}. Create them with POST /api/v1/products first, or leave them out.`,
      missing.map((id) => ({ path, message: affiliate ? `no product "${id}" of this account or affiliated to it` : `no product "${id}" in this account` })));
    },
    // fails closed: a URL whose host is a blocked IP literal or localhost is refused before anything is written
    checkUrl(url: string | undefined, path = 'body.url'): void {
      const verdict = url === undefined ? { ok: true as const } : deps.addressPolicy.checkUrl(url);
      if (!verdict.ok) throw problem('validation_failed', `Invalid body: ${path}: ${verdict.reason}`, [{ path, message: verdict.reason }]);
    },
  };
}
