// "Create the missing webhook" of the members-area check: a webhook to the area with the grant, revoke and overdue
// events (membersAreaEvents), limited to this product, then a test post so the check can see the area answer.
import { membersAreaWebhook } from '../domain/members-area-check.ts';
import { membersAreaEvents } from '../domain/members-area-events.ts';
import { sendTest } from '../ingest/send-test.ts';
import type { TestDeps } from '../ingest/send-test.ts';
import type { DeliverySummary, Product, Store, Webhook } from '../store/store.ts';
import { createWebhook } from '../webhooks/create-webhook.ts';
import type { AccountId } from '../domain/ids.ts';

export type CreateWebhookDeps = TestDeps & { store: TestDeps['store'] & Pick<Store, 'listWebhooks' | 'createWebhook'> };
export type CreatedWebhook =
  | { kind: 'created'; webhook: Webhook; secret: string; test: { id: string; delivery: DeliverySummary } }
  /** The area already has a webhook on its origin: it is changed on the Configurations page, never duplicated. */
  | { kind: 'exists'; webhook: Webhook }
  | { kind: 'other_origin'; areaOrigin: string };

export async function createMembersAreaWebhook(deps: CreateWebhookDeps, accountId: AccountId, product: Product & { membersArea: { url: string } }, url?: string): Promise<CreatedWebhook> {
  const target = url ?? product.membersArea.url;
  const areaOrigin = new URL(product.membersArea.url).origin;
  // fails closed: a webhook elsewhere would not be the area's, and the check would never find it
  if (new URL(target).origin !== areaOrigin) return { kind: 'other_origin', areaOrigin };
  const existing = membersAreaWebhook(product.membersArea.url, product.id, await deps.store.listWebhooks(accountId));
  if (existing) return { kind: 'exists', webhook: existing };
  const { webhook, secret } = await createWebhook(deps.store, accountId, {
    name: `Members area: ${product.name}`.slice(0, 120), url: target, events: [...membersAreaEvents], products: [product.id], version: '2.0.0', maxAttempts: null, enabled: true,
  }, deps.clock());
  // a grant event, as the area will get on a sale; it goes marked x-postback-test: 1, and `postback members` stores it
  // without granting (the sample is of this very product: a scoped webhook's sample carries one of its products)
  const test = await sendTest(deps, accountId, webhook, 'PURCHASE_APPROVED');
  return { kind: 'created', webhook, secret, test };
}
