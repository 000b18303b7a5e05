// "Send test": the catalogue's sample for one event (or the user's edit of it), published to one webhook only and
// marked as a test in its history. The sample is what that webhook would receive: an affiliate's without the
// buyer's data, a webhook scoped to some products with one of them.
import type { EventName, FieldIssue } from '../catalog/index.ts';
import { sha256Hex } from '../security/secrets.ts';
import type { AccountKind, DeliverySummary, Store, Webhook } from '../store/store.ts';
import { publishEvent } from './publish-event.ts';
import type { PublishDeps } from './publish-event.ts';
import { testSampleData } from './test-sample.ts';
import type { SampleProduct } from './test-sample.ts';
import type { AccountId } from '../domain/ids.ts';

export type TestDeps = PublishDeps & { store: Pick<Store, 'publish' | 'getAccount' | 'listProducts' | 'listAffiliations'> };

/** Edited test data that does not validate: the caller's to fix (a 422 naming each field). */
export class InvalidTestData extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super('invalid test data');
    this.issues = issues;
  }
}

/** The products a webhook of this account may be scoped to: its own, and those it promotes as an affiliate. */
async function knownProducts(store: TestDeps['store'], accountId: AccountId): Promise<Map<string, SampleProduct>> {
  const own = (await store.listProducts(accountId)).map((product) => [product.id, { id: product.id, name: product.name }] as const);
  const promoted = (await store.listAffiliations(accountId)).filter((a) => a.affiliateAccountId === accountId)
    .map((a) => [a.productId, { id: a.productId, name: a.productName }] as const);
  return new Map([...promoted, ...own]);
}

/** What a test of `event` posts to this webhook, and whose payload it is. */
export async function testSample(deps: Pick<TestDeps, 'store'>, accountId: AccountId, webhook: Webhook, event: EventName): Promise<{ audience: AccountKind; data: Record<string, unknown> }> {
  const audience = (await deps.store.getAccount(accountId))?.kind ?? 'producer';
  const known = webhook.products === 'all' ? new Map<string, SampleProduct>() : await knownProducts(deps.store, accountId);
  const scoped = webhook.products === 'all' ? [] : webhook.products.flatMap((productId) => known.get(productId) ?? []);
  return { audience, data: testSampleData(event, audience, webhook.products, scoped) };
}

/** `edited`: the user's data in place of the sample, checked like any event's (InvalidTestData when it fails). */
export async function sendTest(deps: TestDeps, accountId: AccountId, webhook: Webhook, event: EventName, edited?: Record<string, unknown>): Promise<{ id: string; delivery: DeliverySummary }> {
  const sample = await testSample(deps, accountId, webhook, event);
  const data = edited ?? sample.data;
  const outcome = await publishEvent(deps, {
    accountId, event, data, requestHash: sha256Hex(`test:${webhook.id}:${JSON.stringify(data)}`), isTest: true, onlyWebhook: webhook, audience: sample.audience,
  });
  if (outcome.kind === 'invalid' && edited !== undefined) throw new InvalidTestData(outcome.issues);
  // our bug if the catalogue's own sample does not validate or collides: never the caller's fault
  if (outcome.kind !== 'accepted') throw new Error(`test send of ${event} was not accepted: ${JSON.stringify(outcome)}`);
  return { id: outcome.id, delivery: outcome.deliveries[0]! };
}
