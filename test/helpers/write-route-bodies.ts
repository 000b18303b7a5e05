// What the write-route fuzzer aims at: real objects of the fuzzed account (so ids in paths hit rows, not only 404s)
// and, per route, one valid body that the fuzzer then bends out of shape. A route with no entry here is fuzzed
// from an empty object and arbitrary JSON; add its valid body to reach past its validation.
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { sampleData } from '../../src/catalog/index.ts';
import type { ApiAnswer } from './platform.ts';

type Caller = { call(method: string, path: string, body?: unknown): Promise<ApiAnswer> };
export type KnownIds = { product: string; offer: string; webhook: string; hook: string; delivery: string; event: string; transaction: string; affiliation: string; affiliateAccount: string };

const created = (answer: ApiAnswer, what: string) => {
  assert.ok(answer.status === 201 || answer.status === 202, `${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.body;
};

/** A product affiliated to `affiliate` with a checkout offer, a webhook, a REST hook, a published event with its delivery, and a purchase, all new. */
export async function knownIds(owner: Caller, affiliate: Caller & { account_id: string }): Promise<KnownIds> {
  // the catalogue's product ids are numbers (Hotmart's)
  const product = String(randomInt(1_000_000, 9_999_999));
  created(await owner.call('POST', '/api/v1/products', { id: product, name: 'Curso' }), 'product');
  const offer = created(await owner.call('POST', '/api/v1/offers', { product_id: product, price: 97 }), 'offer');
  const affiliation = created(await owner.call('POST', `/api/v1/products/${product}/affiliations`, { affiliate_account_id: affiliate.account_id }), 'affiliation');
  const webhook = created(await owner.call('POST', '/api/v1/webhooks', { name: 'Fuzzed', url: 'https://members.example.com/hook', events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'] }), 'webhook');
  const hook = created(await owner.call('POST', '/api/v1/hooks', { target_url: `https://hooks.example.com/catch/${randomUUID()}`, event: 'order' }), 'hook');
  const data = sampleData('PURCHASE_APPROVED') as Record<string, any>;
  const event = created(await owner.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...data, product: { ...data.product, id: Number(product) } } }), 'event');
  const transaction = `HP${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  created(await owner.call('POST', '/api/v1/purchases', { status: 'approved', data: { ...data, purchase: { ...data.purchase, transaction } } }), 'purchase');
  return { product, offer: offer.code, webhook: webhook.id, hook: hook.id, delivery: event.deliveries[0].id, event: event.id, transaction, affiliation: affiliation.id, affiliateAccount: affiliate.account_id };
}

/** One body the route accepts (or would, for the right ids and state), by its path pattern. */
export function validBody(pattern: string, ids: KnownIds): Record<string, unknown> {
  const data = sampleData('PURCHASE_APPROVED');
  const bodies: [RegExp, Record<string, unknown>][] = [
    [/oauth\/token$/, { grant_type: 'client_credentials', client_id: 'client', client_secret: 'secret' }],
    [/\/setup$/, { account_name: 'Loja', email: 'ana@example.com', password: 'a long passphrase' }],
    [/\/session$/, { email: 'ana@example.com', password: 'a long passphrase' }],
    [/\/products$/, { id: String(randomInt(1_000_000, 9_999_999)), name: 'Ebook' }],
    [/\/products\/:id$/, { share_buyer_data: true }],
    [/\/affiliations$/, { affiliate_account_id: ids.affiliateAccount, affiliate_code: 'Q58388177J' }],
    [/\/webhooks$/, { name: 'Members', url: 'https://members.example.com/hotmart', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', max_attempts: 3, enabled: true }],
    [/\/webhooks\/:id$/, { name: 'Renamed', enabled: false }],
    [/\/hooks$/, { target_url: 'https://hooks.example.com/catch', event: 'order', products: 'all', name: 'Zap' }],
    [/\/offers$/, { product_id: ids.product, name: 'Oferta', price: 97.5, currency: 'BRL' }],
    [/\/members-area\/webhook$/, { url: 'https://members.example.com/hotmart' }],
    [/^\/checkout\/:offer$/, { name: 'Ana', email: 'ana@example.com', payment: 'pix' }],
    [/\/test$/, { event: 'PURCHASE_REFUNDED' }],
    [/\/recover$/, { since: '2026-01-01T00:00:00Z' }],
    [/\/events$/, { event: 'PURCHASE_APPROVED', data, id: randomUUID() }],
    [/\/purchases$/, { status: 'waiting_payment', data }],
    [/\/status$/, { status: 'refunded', purchase: { price: { value: 10 } } }],
  ];
  return bodies.find(([route]) => route.test(pattern))?.[1] ?? {};
}
