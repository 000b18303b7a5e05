// The checks a webhook's URL and product scope pass before anything is written, for /webhooks and /hooks alike.
import type { ProductScope } from '../store/store.ts';
import type { ApiDeps } from './api-deps.ts';
import { problem } from './problems.ts';
import type { AccountId } from '../domain/ids.ts';

export function webhookChecks(deps: Pick<ApiDeps, 'store' | 'addressPolicy'>) {
  return {
    /** `path` names the field in the error, e.g. `body.products`. */
    async checkProducts(accountId: AccountId, products: ProductScope | undefined, path = 'body.products'): Promise<void> {
      if (products === undefined || products === 'all') return;
      const missing = await deps.store.missingProducts(accountId, products);
      if (missing.length > 0) {
        throw problem('validation_failed', `Unknown product ids: ${missing.join(', ')}. Create them with POST /api/v1/products first.`,
          missing.map((id) => ({ path, message: `no product "${id}" in this account` })));
      }
    },
    // fails closed: a URL whose host is a blocked IP literal or localhost is refused before anything is written
    checkUrl(url: string | undefined, path = 'body.url'): void {
      const verdict = url === undefined ? { ok: true as const } : deps.addressPolicy.checkUrl(url);
      if (!verdict.ok) throw problem('validation_failed', `Invalid body: ${path}: ${verdict.reason}`, [{ path, message: verdict.reason }]);
    },
  };
}
