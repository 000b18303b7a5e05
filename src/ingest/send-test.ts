// "Send test": the catalogue's sample for one event (or the user's edit of it), published to one webhook only and
// marked as a test in its history. The sample is what that webhook would receive: a webhook scoped to some products
// with one of them, without the buyer's data and credited to the account's own affiliate code when that product is one
// the account promotes as an affiliate.
import type { EventName, FieldIssue } from '../catalog/index.ts';
import { sha256Hex } from '../security/secrets.ts';
import type { AccountKind, DeliverySummary, Store, Webhook } from '../store/store.ts';
import { testCodeMissing } from '../delivery/conversion/render-conversion.ts';
import { publishEvent } from './publish-event.ts';
import type { PublishDeps } from './publish-event.ts';
import { sampleAffiliate, testSampleData } from './test-sample.ts';
import type { SampleProduct } from './test-sample.ts';
import type { Affiliation } from '../store/affiliates.ts';
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

/**
 * A test the webhook's settings forbid: a Meta postback without its Test Events code would report the sample as a real
 * purchase to the live pixel. The caller's to fix in the webhook (a 422 naming the setting), not in the test's data.
 */
export class TestNotAllowed extends Error {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[]) {
    super(message);
    this.issues = issues;
  }
}

/** The products a webhook of this account may be scoped to: its own, and those it promotes as an affiliate. */
async function knownProducts(store: TestDeps['store'], accountId: AccountId, affiliations: Affiliation[]): Promise<{ own: Map<string, SampleProduct>; promoted: Map<string, SampleProduct> }> {
  const own = new Map((await store.listProducts(accountId)).map((product) => [product.id, { id: product.id, name: product.name }] as const));
  const promoted = new Map(affiliations.filter((a) => a.affiliateAccountId === accountId)
    .map((a) => [a.productId, { id: a.productId, name: a.productName }] as const));
  return { own, promoted };
}

/**
 * What a test of `event` posts to this webhook, and whose payload it is. The product the sample carries decides: an
 * account's own product's sales reach it whole, a promoted product's as its affiliates get them (an affiliate account
 * may sell products of its own too). A webhook for all products gets the account kind's (an affiliate's: redacted).
 */
export async function testSample(deps: Pick<TestDeps, 'store'>, accountId: AccountId, webhook: Webhook, event: EventName): Promise<{ audience: AccountKind; data: Record<string, unknown> }> {
  const kind = (await deps.store.getAccount(accountId))?.kind ?? 'producer';
  const affiliations = await deps.store.listAffiliations(accountId);
  if (webhook.products === 'all') return { audience: kind, data: testSampleData(event, kind, 'all', [], sampleAffiliate(accountId, affiliations)) };
  const { own, promoted } = await knownProducts(deps.store, accountId, affiliations);
  // an id both its own and promoted (ids are each producer's) is its own, as its own sales are the ones it sees whole
  const scoped = webhook.products.flatMap((productId) => own.get(productId) ?? promoted.get(productId) ?? []);
  const sampled = scoped[0];
  const audience = sampled === undefined ? kind : own.has(sampled.id) ? 'producer' : 'affiliate';
  return { audience, data: testSampleData(event, audience, webhook.products, scoped, sampleAffiliate(accountId, affiliations, sampled?.id)) };
}

/**
 * `edited`: the user's data in place of the sample, checked like any event's (InvalidTestData when it fails). A
 * conversion postback's test of an event it has no goal for is refused the same way, in the words its settings are
 * (src/api/webhook-postback.ts): it would post an empty goal (`e=`) to the network, which no sale ever does. A
 * network that counts tests as sales unless they carry its test code (Meta) is never sent a test without one
 * (TestNotAllowed): "marked as a test" is otherwise only true in our history, not in the ad account.
 */
export async function sendTest(deps: TestDeps, accountId: AccountId, webhook: Webhook, event: EventName, edited?: Record<string, unknown>): Promise<{ id: string; delivery: DeliverySummary }> {
  if (webhook.postback && !Object.hasOwn(webhook.postback.goals, event)) throw new InvalidTestData([{ path: 'event', message: `${event} has no goal in postback.goals` }]);
  if (webhook.postback && testCodeMissing(webhook.postback)) {
    const message = 'set the Test Events code first (postback.test_event_code, from Events Manager\'s Test events tab, with PUT /api/v1/webhooks/:id/test-event-code): without it Meta counts the test as a real purchase';
    throw new TestNotAllowed(`This Meta postback has no Test Events code: ${message}.`, [{ path: 'postback.test_event_code', message }]);
  }
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
